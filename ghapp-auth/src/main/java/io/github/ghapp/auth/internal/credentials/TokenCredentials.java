package io.github.ghapp.auth.internal.credentials;

import io.github.ghapp.auth.BadCredentialsException;
import io.github.ghapp.auth.BadJwtException;
import io.github.ghapp.auth.GitHubAppListener.RetryCause;
import io.github.ghapp.auth.GitHubException;
import io.github.ghapp.auth.InstallationToken;
import io.github.ghapp.auth.TokenProvider;
import io.github.ghapp.auth.internal.http.Credentials;
import java.net.http.HttpHeaders;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates as an installation with tokens from a {@link TokenProvider}. On {@code 401 Bad
 * credentials}: a token minted here seconds ago is probably not replicated yet, so the same token
 * is sent again after a backoff; an older one was revoked or lost, so it is dropped and one new
 * token minted.
 */
public final class TokenCredentials implements Credentials {
  private static final Logger log = LoggerFactory.getLogger(TokenCredentials.class);
  private final TokenProvider provider;
  private final long installationId;
  private final RecentMints recentMints;

  /**
   * @param provider the installation's tokens
   * @param installationId whose they are, for rate-limit reports
   * @param recentMints which tokens were minted here moments ago
   */
  public TokenCredentials(TokenProvider provider, long installationId, RecentMints recentMints) {
    this.provider = provider;
    this.installationId = installationId;
    this.recentMints = recentMints;
  }

  /**
   * GitHub answers {@code A JSON web token could not be decoded} when an installation token is sent
   * to a route only the app's JWT may call; said plainly, since the key is not what is wrong.
   */
  static BadJwtException routeNeedsTheAppsJwt(GitHubException error) {
    return new BadJwtException(
        error.request()
            + " answered 401 '"
            + error.githubMessage()
            + "': only the app"
            + " itself may call this route, with its JWT, not with an installation token (in Java:"
            + " app.appClient())",
        error.details());
  }

  /**
   * Credentials that send one installation token and never replace it: a 401 is the caller's to
   * handle, since nothing here can mint. An installation token sent to a JWT-only route is said
   * plainly.
   */
  public static Credentials fixed(String token) {
    String authorization = "Bearer " + token;
    return () ->
        new Attempt() {
          @Override
          public String authorization() {
            return authorization;
          }

          @Override
          public RetryCause unauthorized(GitHubException error, HttpHeaders headers) {
            throw error instanceof BadJwtException ? routeNeedsTheAppsJwt(error) : error;
          }
        };
  }

  @Override
  public long installationId() {
    return installationId;
  }

  @Override
  public Attempt begin() {
    return new Attempt() {
      private String sent;
      private boolean reminted;

      @Override
      public String authorization() {
        sent = provider.token();
        return "Bearer " + sent;
      }

      @Override
      public RetryCause unauthorized(GitHubException error, HttpHeaders headers) {
        if (error instanceof BadJwtException) {
          throw routeNeedsTheAppsJwt(error);
        }
        if (!(error instanceof BadCredentialsException)) {
          throw error;
        }
        if (recentMints.isRecent(sent)) {
          log.debug(
              "{}: a token minted moments ago was refused; GitHub may still be replicating it, retrying",
              error.request());
          return RetryCause.REPLICATION_LAG;
        }
        if (!reminted) {
          reminted = true;
          log.info(
              "{}: GitHub refused a cached installation token; minting a new one", error.request());
          provider.invalidate(sent);
          return RetryCause.REFUSED_TOKEN;
        }
        throw error;
      }

      @Override
      public Map<String, String> permissions() {
        try {
          InstallationToken current = provider.installationToken();
          return current.token().equals(sent) ? current.permissions() : null;
        } catch (RuntimeException e) {
          return null; // only to word a refusal: a token that cannot be had now changes nothing
        }
      }

      /**
       * A token refused past the replication wait was revoked moments after its mint rather than
       * not yet replicated: dropped, so that the next call mints instead of waiting on it again for
       * the rest of the replication window.
       */
      @Override
      public void stoppedWaitingForReplication(GitHubException error) {
        log.info(
            "{}: GitHub kept refusing an installation token minted moments ago; minting a new one"
                + " for the next call",
            error.request());
        provider.invalidate(sent);
      }
    };
  }
}
