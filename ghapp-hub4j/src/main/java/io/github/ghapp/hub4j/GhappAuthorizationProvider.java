package io.github.ghapp.hub4j;

import io.github.ghapp.auth.GitHubException;
import io.github.ghapp.auth.TokenProvider;
import java.io.IOException;
import java.util.Objects;
import org.kohsuke.github.authorization.AuthorizationProvider;
import org.kohsuke.github.connector.GitHubConnector;

/**
 * hub4j's {@code AuthorizationProvider} backed by a ghapp {@link TokenProvider}, so that a hub4j
 * client keeps its typed API while ghapp owns the token: one mint per installation and scope
 * however many threads call, a refresh that never blocks a caller holding a fresh token, GitHub's
 * clock learned from its answers, and a freshly minted token retried through replication lag.
 *
 * <pre>{@code
 * GitHubApp app = GitHubApp.builder().appId(123456).privateKey(Path.of("app.pem")).build();
 * TokenProvider tokens = app.tokenProvider(installationId);
 * GitHub github = new GitHubBuilder()
 *     .withAuthorizationProvider(GhappAuthorizationProvider.of(tokens))
 *     .build();
 * github.getRepository("octo-org/hello-world").createIssue("Hi").create();
 * }</pre>
 *
 * <p>hub4j asks for the header before every request; this asks ghapp's cache each time (a volatile
 * read and a clock read while the token is fresh) and reuses the header string while the token is
 * the same. hub4j's own {@code AppInstallationAuthorizationProvider} instead holds its monitor
 * around the network calls of a refresh and spends three requests on each ({@code GET /app}, {@code
 * GET /app/installations/{id}}, the mint); ghapp spends one.
 *
 * <p>A token ghapp cannot get (GitHub refused the app, the network is down) is an {@link
 * IOException}, as hub4j's callers expect, with ghapp's typed {@link GitHubException} as its cause.
 *
 * <p>A token GitHub refuses (revoked behind ghapp's back): hub4j answers a {@code 401} by asking
 * for the header again and retrying when it has changed, but ghapp would hand out the same cached
 * token. Wrap hub4j's connector with {@link #connector(GitHubConnector)} and the refused token is
 * dropped from ghapp's cache as the {@code 401} arrives, so hub4j's retry goes out with a fresh one
 * (one mint), reads and writes alike:
 *
 * <pre>{@code
 * GhappAuthorizationProvider auth = GhappAuthorizationProvider.of(tokens);
 * GitHub github = new GitHubBuilder()
 *     .withAuthorizationProvider(auth)
 *     .withConnector(auth.connector(GitHubConnector.DEFAULT))
 *     .build();
 * }</pre>
 */
public final class GhappAuthorizationProvider implements AuthorizationProvider {
  private final TokenProvider tokens;

  /** The header of the last token seen; replaced, never mutated, so a racing read is harmless. */
  private volatile Header last = new Header("", "");

  /**
   * A token minted to replace a refused one, until GitHub accepts it. Refused too (replication lag,
   * or a revoked installation), it is kept: dropping it would mint again for every retry hub4j
   * makes, while keeping it lets hub4j give up after one retry and the next request use it.
   */
  private volatile String unproven;

  /** Set by a drop: the next new token is {@link #unproven}. */
  private volatile boolean renewing;

  private GhappAuthorizationProvider(TokenProvider tokens) {
    this.tokens = tokens;
  }

  /** An authorization provider handing hub4j the tokens of {@code tokens}. */
  public static GhappAuthorizationProvider of(TokenProvider tokens) {
    return new GhappAuthorizationProvider(Objects.requireNonNull(tokens, "tokens"));
  }

  /**
   * {@code token <installation token>}, with at least ghapp's expiry margin of validity left.
   *
   * @throws IOException when ghapp cannot get a token; its cause is ghapp's {@link GitHubException}
   *     (or the {@link IllegalStateException} of an interrupted wait)
   */
  @Override
  public String getEncodedAuthorization() throws IOException {
    String token;
    try {
      token = tokens.token();
    } catch (GitHubException | IllegalStateException e) {
      throw new IOException("ghapp could not get an installation token: " + e.getMessage(), e);
    }
    Header header = last;
    // The provider hands out the same String while its token is cached: compare identity, not text.
    if (header.token != token) {
      header = new Header(token, "token " + token);
      last = header;
      if (renewing) {
        renewing = false;
        unproven = token;
      }
    }
    return header.value;
  }

  /**
   * {@code connector} (hub4j's {@link GitHubConnector#DEFAULT}, or the one you use) dropping a
   * token of this provider from ghapp's cache when GitHub answers it {@code 401}, so that hub4j's
   * own retry of a refused request gets a fresh token.
   */
  public GitHubConnector connector(GitHubConnector connector) {
    return new RenewingConnector(Objects.requireNonNull(connector, "connector"), this);
  }

  /** GitHub refused {@code authorization}: drops its token when it is ours and proven before. */
  void refused(String authorization) {
    Header header = last;
    if (authorization == null || header.token.isEmpty() || !header.value.equals(authorization)) {
      return;
    }
    if (header.token.equals(unproven)) {
      return;
    }
    renewing = true;
    tokens.invalidate(header.token);
  }

  /** GitHub accepted {@code authorization}: a replacement token is proven. */
  void accepted(String authorization) {
    String candidate = unproven;
    if (candidate != null && authorization != null && authorization.endsWith(candidate)) {
      unproven = null;
    }
  }

  /** Names the provider, never the token. */
  @Override
  public String toString() {
    return "GhappAuthorizationProvider{" + tokens.getClass().getSimpleName() + "}";
  }

  private static final class Header {
    final String token;
    final String value;

    Header(String token, String value) {
      this.token = token;
      this.value = value;
    }
  }
}
