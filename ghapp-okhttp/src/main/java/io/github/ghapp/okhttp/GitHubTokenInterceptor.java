package io.github.ghapp.okhttp;

import io.github.ghapp.auth.TokenProvider;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Adds {@code Authorization: Bearer <installation token>} to the requests an OkHttp client sends to
 * the configured GitHub, from a ghapp {@link TokenProvider}: cached and refreshed by ghapp, one
 * mint however many calls run at once, no caller blocked by a refresh while its token is fresh.
 *
 * <pre>{@code
 * TokenProvider tokens = app.tokenProvider(installationId);
 * OkHttpClient client = new OkHttpClient.Builder()
 *     .addInterceptor(GitHubTokenInterceptor.of(app.baseUrl(), tokens))
 *     .authenticator(GitHubTokenAuthenticator.of(app.baseUrl(), tokens))
 *     .build();
 * }</pre>
 *
 * <p>Only requests whose scheme, host and port are the configured GitHub's get the token; a request
 * elsewhere (another host, {@code http://} instead of {@code https://}, another port) goes out as
 * it came. A request that already has an {@code Authorization} header (an app JWT for the {@code
 * /app} routes, say) keeps it.
 *
 * <p>Redirects: added with {@code addInterceptor}, the token is on the first request only, and
 * OkHttp drops the header when it follows a redirect to another host. Added with {@code
 * addNetworkInterceptor}, it sees every hop and adds the token only on hops to GitHub. Either way a
 * redirect to another host never carries the token.
 *
 * <p>A token ghapp cannot get fails the call with an {@link IOException} whose cause is ghapp's
 * typed {@code GitHubException}.
 */
public final class GitHubTokenInterceptor implements Interceptor {
  private final GitHubHost github;
  private final TokenProvider tokens;

  private GitHubTokenInterceptor(GitHubHost github, TokenProvider tokens) {
    this.github = github;
    this.tokens = tokens;
  }

  /**
   * An interceptor sending the tokens of {@code tokens} to the origin of {@code githubUrl} (its
   * scheme, host and port; {@code app.baseUrl()} for the REST API).
   */
  public static GitHubTokenInterceptor of(URI githubUrl, TokenProvider tokens) {
    return new GitHubTokenInterceptor(
        GitHubHost.of(githubUrl), Objects.requireNonNull(tokens, "tokens"));
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!github.matches(request.url()) || request.header("Authorization") != null) {
      return chain.proceed(request);
    }
    String token = Tokens.fetch(tokens);
    return chain.proceed(
        request
            .newBuilder()
            .header("Authorization", "Bearer " + token)
            .tag(Tokens.Sent.class, new Tokens.Sent(token))
            .build());
  }

  /** Names the host, never a token. */
  @Override
  public String toString() {
    return "GitHubTokenInterceptor{" + github + "}";
  }
}
