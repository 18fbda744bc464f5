package io.github.ghapp.jgit;

import io.github.ghapp.auth.GitCredentials;
import io.github.ghapp.auth.TokenProvider;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;

/**
 * JGit credentials for Git over HTTPS as a GitHub App installation: user {@code x-access-token},
 * password an installation token from a ghapp {@link TokenProvider} with at least a margin of
 * validity left, asked for afresh each time JGit asks, so that a provider kept for hours never
 * hands out a token about to expire.
 *
 * <pre>{@code
 * TokenProvider tokens = app.tokenProvider(installationId);
 * CredentialsProvider credentials =
 *     GitHubAppCredentialsProvider.of(URI.create("https://github.com"), tokens);
 * Git.cloneRepository().setURI("https://github.com/octo-org/hello-world.git")
 *     .setCredentialsProvider(credentials).setDirectory(dir).call();
 * }</pre>
 *
 * <p>The margin: GitHub checks the token when a Git request arrives, and one clone or push may send
 * several requests over minutes, so a token must outlive the whole operation. By default the token
 * has at least {@value #DEFAULT_MARGIN_MINUTES} minutes left when JGit receives it (ghapp mints a
 * new one, once for all callers, when the cached one has less); give a longer margin for operations
 * that take longer, up to GitHub's hour less the app's expiry margin (55 minutes by default; ghapp
 * refuses more, naming the limit, at the first {@link #get}).
 *
 * <p>Only the origin (scheme, host, port) of {@code gitUrl} gets the token: when a redirect or a
 * submodule takes JGit to another host that asks for credentials, this answers nothing, and JGit
 * fails that operation as not authorized instead of sending the token there.
 *
 * <p>When GitHub refuses the token anyway (revoked behind ghapp's back), JGit calls {@link
 * #reset(URIish)}, which drops it from ghapp's cache ({@link TokenProvider#invalidate(String)}),
 * and asks again: the same clone or push goes on with a new token, one mint. A token ghapp cannot
 * get (the app uninstalled, GitHub unreachable) fails the command with ghapp's typed {@code
 * GitHubException}, unwrapped, out of JGit's {@code call()}.
 */
public final class GitHubAppCredentialsProvider extends CredentialsProvider {
  static final long DEFAULT_MARGIN_MINUTES = 10;

  private final String scheme;
  private final String host;
  private final int port;
  private final TokenProvider tokens;
  private final Duration margin;

  /** The last token handed out, for {@link #reset}; a token is never printed. */
  private volatile String lastHandedOut;

  private GitHubAppCredentialsProvider(URI gitUrl, TokenProvider tokens, Duration margin) {
    this.scheme = gitUrl.getScheme().toLowerCase(Locale.ROOT);
    this.host = gitUrl.getHost().toLowerCase(Locale.ROOT);
    this.port = port(scheme, gitUrl.getPort());
    this.tokens = tokens;
    this.margin = margin;
  }

  /**
   * Credentials for Git at the origin of {@code gitUrl} (e.g. {@code https://github.com}, or the
   * GHES host), with tokens that have at least {@value #DEFAULT_MARGIN_MINUTES} minutes left.
   */
  public static GitHubAppCredentialsProvider of(URI gitUrl, TokenProvider tokens) {
    return of(gitUrl, tokens, Duration.ofMinutes(DEFAULT_MARGIN_MINUTES));
  }

  /** Like {@link #of(URI, TokenProvider)}, with tokens that have at least {@code margin} left. */
  public static GitHubAppCredentialsProvider of(URI gitUrl, TokenProvider tokens, Duration margin) {
    Objects.requireNonNull(gitUrl, "gitUrl");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(margin, "margin");
    String scheme = gitUrl.getScheme();
    if (gitUrl.getHost() == null
        || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
      throw new IllegalArgumentException(
          "gitUrl must be an http or https URL of the Git host, such as https://github.com, got "
              + gitUrl);
    }
    if (margin.isNegative() || margin.isZero()) {
      throw new IllegalArgumentException(
          "margin must be more than zero (the validity a token must have left), got " + margin);
    }
    return new GitHubAppCredentialsProvider(gitUrl, tokens, margin);
  }

  @Override
  public boolean isInteractive() {
    return false;
  }

  @Override
  public boolean supports(CredentialItem... items) {
    for (CredentialItem item : items) {
      if (!(item instanceof CredentialItem.Username)
          && !(item instanceof CredentialItem.Password)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Fills in {@code x-access-token} and a token with at least the margin left, for a URI of the
   * configured Git host; answers nothing (false) for any other host.
   *
   * @throws UnsupportedCredentialItem when JGit asks for something other than a user and password
   */
  @Override
  public boolean get(URIish uri, CredentialItem... items) throws UnsupportedCredentialItem {
    if (!isGitHub(uri)) {
      return false;
    }
    for (CredentialItem item : items) {
      if (!(item instanceof CredentialItem.Username)
          && !(item instanceof CredentialItem.Password)) {
        throw new UnsupportedCredentialItem(uri, item.getClass().getSimpleName());
      }
    }
    String token = tokens.token(margin);
    lastHandedOut = token;
    for (CredentialItem item : items) {
      if (item instanceof CredentialItem.Username) {
        ((CredentialItem.Username) item).setValue(GitCredentials.USERNAME);
      } else {
        ((CredentialItem.Password) item).setValueNoCopy(token.toCharArray());
      }
    }
    return true;
  }

  /** JGit's signal that the credentials were refused: the token is dropped from ghapp's cache. */
  @Override
  public void reset(URIish uri) {
    String refused = lastHandedOut;
    if (refused != null && isGitHub(uri)) {
      tokens.invalidate(refused);
    }
  }

  private boolean isGitHub(URIish uri) {
    return uri.getHost() != null
        && scheme.equalsIgnoreCase(uri.getScheme())
        && host.equalsIgnoreCase(uri.getHost())
        && port == port(scheme, uri.getPort());
  }

  private static int port(String scheme, int port) {
    if (port > 0) {
      return port;
    }
    return "https".equalsIgnoreCase(scheme) ? 443 : 80;
  }

  /** Names the host and margin, never a token. */
  @Override
  public String toString() {
    return "GitHubAppCredentialsProvider{"
        + scheme
        + "://"
        + host
        + ":"
        + port
        + ", margin="
        + margin
        + "}";
  }
}
