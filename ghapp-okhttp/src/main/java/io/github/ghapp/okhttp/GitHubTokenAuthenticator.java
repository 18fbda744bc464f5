package io.github.ghapp.okhttp;

import io.github.ghapp.auth.TokenProvider;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import okhttp3.Authenticator;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;

/**
 * Answers GitHub's {@code 401 Bad credentials} by dropping the refused token from ghapp's cache and
 * sending the request once more with a fresh one: a token revoked at GitHub (by another process, by
 * {@code DELETE /installation/token}) costs one mint and one retried request instead of failing
 * every call until it expires. Use it with {@link GitHubTokenInterceptor} (see its example).
 *
 * <p>At most one retry per call: when the retried request is refused too, OkHttp returns that
 * {@code 401} to the caller; this never loops and never mints more than once per refusal. When
 * several calls are refused the same token at once, ghapp's {@link
 * TokenProvider#invalidate(String)} drops it once, so they share one new mint.
 *
 * <p>It acts only on a {@code 401} from the configured GitHub (scheme, host and port) for a request
 * that carried a token of ours ({@link GitHubTokenInterceptor} marks them) or no {@code
 * Authorization} at all; a refusal of a header the caller set itself, a {@code 407} from a proxy,
 * or a {@code 401} from another host is left to OkHttp (no retry). The new token is fetched on the
 * calling thread, as OkHttp's authenticators run, and a token ghapp cannot get fails the call with
 * an {@link IOException} whose cause is ghapp's {@code GitHubException}.
 */
public final class GitHubTokenAuthenticator implements Authenticator {
  private final GitHubHost github;
  private final TokenProvider tokens;

  private GitHubTokenAuthenticator(GitHubHost github, TokenProvider tokens) {
    this.github = github;
    this.tokens = tokens;
  }

  /**
   * An authenticator renewing the tokens of {@code tokens} for the origin of {@code githubUrl}
   * ({@code app.baseUrl()} for the REST API); give {@link GitHubTokenInterceptor} the same two.
   */
  public static GitHubTokenAuthenticator of(URI githubUrl, TokenProvider tokens) {
    return new GitHubTokenAuthenticator(
        GitHubHost.of(githubUrl), Objects.requireNonNull(tokens, "tokens"));
  }

  @Override
  public Request authenticate(Route route, Response response) throws IOException {
    Request refused = response.request();
    if (response.code() != 401 || !github.matches(refused.url()) || refusedBefore(response)) {
      return null;
    }
    // As sent over the wire: a network interceptor's header and tag are only there.
    Request sentRequest =
        response.networkResponse() != null ? response.networkResponse().request() : refused;
    Tokens.Sent sent = sentRequest.tag(Tokens.Sent.class);
    if (sent == null && sentRequest.header("Authorization") != null) {
      return null;
    }
    if (sent != null) {
      tokens.invalidate(sent.token);
    }
    String fresh = Tokens.fetch(tokens);
    if (sent != null && fresh.equals(sent.token)) {
      return null;
    }
    return refused
        .newBuilder()
        .header("Authorization", "Bearer " + fresh)
        .tag(Tokens.Sent.class, new Tokens.Sent(fresh))
        .build();
  }

  /** True when this call was refused already: its one retry is spent. */
  private static boolean refusedBefore(Response response) {
    for (Response prior = response.priorResponse(); prior != null; prior = prior.priorResponse()) {
      if (prior.code() == 401) {
        return true;
      }
    }
    return false;
  }

  /** Names the host, never a token. */
  @Override
  public String toString() {
    return "GitHubTokenAuthenticator{" + github + "}";
  }
}
