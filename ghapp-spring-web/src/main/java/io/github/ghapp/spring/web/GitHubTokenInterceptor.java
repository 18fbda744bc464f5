package io.github.ghapp.spring.web;

import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.GitHubException;
import io.github.ghapp.auth.TokenProvider;
import java.io.IOException;
import java.util.Objects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Adds {@code Authorization: Bearer <installation token>} to the requests a {@code RestClient} or
 * {@code RestTemplate} sends to the app's GitHub, from a ghapp {@link TokenProvider} (cached and
 * refreshed by ghapp, one mint however many threads call), and answers GitHub's {@code 401 Bad
 * credentials} once by dropping the refused token and sending the request again with a fresh one.
 *
 * <pre>{@code
 * TokenProvider tokens = app.tokenProvider(installationId);
 * RestClient github = RestClient.builder()
 *     .baseUrl(app.baseUrl().toString())
 *     .requestInterceptor(GitHubTokenInterceptor.of(app, tokens))
 *     .build();
 * RestTemplate template = new RestTemplate();
 * template.getInterceptors().add(GitHubTokenInterceptor.of(app, tokens));
 * }</pre>
 *
 * <p>Only requests whose scheme, host and port are those of {@code app.baseUrl()} get the token; a
 * request that already has an {@code Authorization} header (an app JWT for the {@code /app} routes)
 * keeps it and is never retried.
 *
 * <p>The retry is cheap here: Spring hands interceptors the body as bytes, so the request is sent
 * again as it was. At most one: a second {@code 401} is returned to the caller. Register this
 * interceptor last if other interceptors must see the retried request too.
 *
 * <p>Redirects are the request factory's: it follows them, if at all, after this interceptor has
 * run, with the headers this interceptor set. As tested with Spring 7.0: {@code RestClient}'s
 * default factories (Reactor Netty's when it is on the class path, else the JDK's {@code
 * HttpClient}) follow none, and {@code RestTemplate}'s {@code HttpURLConnection} follows them
 * without the header on another host. A JDK {@code HttpClient} built with {@code Redirect.NORMAL}
 * keeps the header on a redirect to another host on Java 17 (Java 25 drops it): do not hand such a
 * client to {@code JdkClientHttpRequestFactory} for GitHub.
 *
 * <p>A token ghapp cannot get fails the call with an {@link IOException} (Spring wraps it as a
 * {@code ResourceAccessException}) whose cause is ghapp's typed {@link GitHubException}.
 */
public final class GitHubTokenInterceptor implements ClientHttpRequestInterceptor {
  private final GitHubOrigin github;
  private final TokenProvider tokens;

  private GitHubTokenInterceptor(GitHubOrigin github, TokenProvider tokens) {
    this.github = github;
    this.tokens = tokens;
  }

  /** An interceptor sending the tokens of {@code tokens} to the origin of {@code app.baseUrl()}. */
  public static GitHubTokenInterceptor of(GitHubApp app, TokenProvider tokens) {
    Objects.requireNonNull(app, "app");
    return new GitHubTokenInterceptor(
        GitHubOrigin.of(app.baseUrl()), Objects.requireNonNull(tokens, "tokens"));
  }

  @Override
  public ClientHttpResponse intercept(
      HttpRequest request, byte[] body, ClientHttpRequestExecution execution) throws IOException {
    HttpHeaders headers = request.getHeaders();
    if (!github.matches(request.getURI()) || headers.containsHeader(HttpHeaders.AUTHORIZATION)) {
      return execution.execute(request, body);
    }
    String sent = fetch();
    headers.setBearerAuth(sent);
    ClientHttpResponse response = execution.execute(request, body);
    if (response.getStatusCode().value() != 401) {
      return response;
    }
    response.close();
    tokens.invalidate(sent);
    headers.setBearerAuth(fetch());
    return execution.execute(request, body);
  }

  private String fetch() throws IOException {
    try {
      return tokens.token();
    } catch (GitHubException | IllegalStateException e) {
      throw new IOException("ghapp could not get an installation token: " + e.getMessage(), e);
    }
  }

  /** Names the host, never a token. */
  @Override
  public String toString() {
    return "GitHubTokenInterceptor{" + github + "}";
  }
}
