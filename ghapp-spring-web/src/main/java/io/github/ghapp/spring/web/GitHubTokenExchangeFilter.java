package io.github.ghapp.spring.web;

import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.InstallationToken;
import io.github.ghapp.auth.TokenProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Adds {@code Authorization: Bearer <installation token>} to the requests a {@code WebClient} sends
 * to the app's GitHub, from a ghapp {@link TokenProvider}, without ever blocking an event-loop
 * thread on a mint; and answers GitHub's {@code 401 Bad credentials} once by dropping the refused
 * token and sending the request again with a fresh one.
 *
 * <pre>{@code
 * TokenProvider tokens = app.tokenProvider(installationId);
 * WebClient github = WebClient.builder()
 *     .baseUrl(app.baseUrl().toString())
 *     .filter(GitHubTokenExchangeFilter.of(app, tokens))
 *     .build();
 * }</pre>
 *
 * <p>Threads: {@link TokenProvider#token()} returns at once while the token is fresh, but a caller
 * may be the one that refreshes it (when the app has no refresh executor) or waits for a mint (when
 * it has expired), and neither may happen on a Netty event loop. So the filter keeps the last token
 * ghapp gave it and reuses it, with no call into ghapp and no lock, while it has more than {@value
 * #REUSE_MINUTES} minutes left on GitHub's clock ({@code app.clock()}); below that (about once per
 * token's life, since ghapp refreshes 15 minutes ahead by default) and for the first request, it
 * asks ghapp on Reactor's {@code boundedElastic} scheduler, where a refresh or a wait is harmless,
 * and the request continues from there.
 *
 * <p>Only requests whose scheme, host and port are those of {@code app.baseUrl()} get the token; a
 * request that already has an {@code Authorization} header keeps it and is never retried. A retried
 * request's body is written again: a body from {@code BodyInserters.fromValue} or any publisher
 * that can be subscribed twice works; a one-shot publisher cannot be retried. At most one retry: a
 * second {@code 401} is returned. Redirects are the connector's: Reactor Netty follows none unless
 * told to, and drops {@code Authorization} when it follows one to another host.
 *
 * <p>A token ghapp cannot get fails the exchange with ghapp's typed {@code GitHubException}.
 */
public final class GitHubTokenExchangeFilter implements ExchangeFilterFunction {
  static final long REUSE_MINUTES = 10;
  private static final Duration REUSE_MARGIN = Duration.ofMinutes(REUSE_MINUTES);

  private final GitHubOrigin github;
  private final TokenProvider tokens;
  private final Clock githubClock;

  /** The last token ghapp handed out, with its header; replaced, never mutated. */
  private volatile Issued last;

  private GitHubTokenExchangeFilter(GitHubOrigin github, TokenProvider tokens, Clock githubClock) {
    this.github = github;
    this.tokens = tokens;
    this.githubClock = githubClock;
  }

  /**
   * A filter sending the tokens of {@code tokens} to the origin of {@code app.baseUrl()}, judging
   * their expiry on {@code app.clock()}.
   */
  public static GitHubTokenExchangeFilter of(GitHubApp app, TokenProvider tokens) {
    Objects.requireNonNull(app, "app");
    return new GitHubTokenExchangeFilter(
        GitHubOrigin.of(app.baseUrl()), Objects.requireNonNull(tokens, "tokens"), app.clock());
  }

  @Override
  public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
    if (!github.matches(request.url())
        || request.headers().containsHeader(HttpHeaders.AUTHORIZATION)) {
      return next.exchange(request);
    }
    return current()
        .flatMap(
            sent ->
                next.exchange(authorized(request, sent))
                    .flatMap(
                        response ->
                            response.statusCode().value() != 401
                                ? Mono.just(response)
                                : response
                                    .releaseBody()
                                    .then(renew(sent))
                                    .flatMap(fresh -> next.exchange(authorized(request, fresh)))));
  }

  /** The cached token while it has enough left, else ghapp's, asked off the event loop. */
  private Mono<Issued> current() {
    Issued issued = last;
    if (issued != null
        && issued.token.remaining(githubClock.instant()).compareTo(REUSE_MARGIN) > 0) {
      return Mono.just(issued);
    }
    return offLoop(() -> remember(tokens.installationToken()));
  }

  /** Drops the refused token in ghapp (if still cached) and asks for another, off the loop. */
  private Mono<Issued> renew(Issued refused) {
    return offLoop(
        () -> {
          tokens.invalidate(refused.token.token());
          return remember(tokens.installationToken());
        });
  }

  private Issued remember(InstallationToken token) {
    Issued issued = last;
    if (issued == null || !issued.token.equals(token)) {
      issued = new Issued(token);
      last = issued;
    }
    return issued;
  }

  private static Mono<Issued> offLoop(java.util.concurrent.Callable<Issued> call) {
    return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
  }

  private static ClientRequest authorized(ClientRequest request, Issued issued) {
    return ClientRequest.from(request)
        .headers(h -> h.set(HttpHeaders.AUTHORIZATION, issued.header))
        .build();
  }

  /** Names the host, never a token. */
  @Override
  public String toString() {
    return "GitHubTokenExchangeFilter{" + github + "}";
  }

  private static final class Issued {
    final InstallationToken token;
    final String header;

    Issued(InstallationToken token) {
      this.token = token;
      this.header = "Bearer " + token.token();
    }
  }
}
