package io.github.ghapp.auth.internal.credentials;

import io.github.ghapp.auth.BadJwtException;
import io.github.ghapp.auth.ClockSkewException;
import io.github.ghapp.auth.GitHubAppListener.RetryCause;
import io.github.ghapp.auth.GitHubException;
import io.github.ghapp.auth.internal.http.Credentials;
import io.github.ghapp.auth.internal.http.HttpDates;
import io.github.ghapp.auth.internal.jwt.AppJwts;
import java.net.http.HttpHeaders;
import java.time.Instant;

/**
 * Authenticates as the app itself. Recovers from the two 401s a correct app can still get: a JWT
 * signed with a retired key (moves through the configured keys, keeping the one that works) and a
 * JWT GitHub finds too old or too new for its clock (learns GitHub's time from {@code Date}, signs
 * again, once).
 */
public final class JwtCredentials implements Credentials {
  private final AppJwts jwts;

  public JwtCredentials(AppJwts jwts) {
    this.jwts = jwts;
  }

  @Override
  public Attempt begin() {
    return new Attempt() {
      private AppJwts.Signed sent;
      private Instant sentAt;
      private int decodeFailures;
      private boolean skewRetried;

      @Override
      public String authorization() {
        sent = jwts.current();
        sentAt = jwts.localNow();
        return "Bearer " + sent.jwt();
      }

      @Override
      public RetryCause unauthorized(GitHubException error, HttpHeaders headers) {
        if (error instanceof BadJwtException) {
          decodeFailures++;
          if (decodeFailures < jwts.keyCount()) {
            jwts.rotateFrom(sent.signer());
            return RetryCause.KEY_ROTATION;
          }
          throw new BadJwtException(
              error.getMessage() + ". Keys tried: " + String.join(", ", jwts.describeKeys()),
              error.details());
        }
        if (error instanceof ClockSkewException) {
          Instant serverNow = HttpDates.date(headers);
          if (!skewRetried && serverNow != null) {
            skewRetried = true;
            jwts.learnServerTime(serverNow, sentAt, true);
            return RetryCause.CLOCK_SKEW;
          }
          throw new ClockSkewException(
              error.getMessage()
                  + (serverNow == null
                      ? " (GitHub's answer had no Date header to correct the clock with)"
                      : "; ghapp corrected its clock by "
                          + jwts.offset()
                          + " from GitHub's Date header and GitHub"
                          + " still refused the JWT"),
              error.details(),
              jwts.offset());
        }
        throw error;
      }

      @Override
      public void succeeded(HttpHeaders headers) {
        Instant serverNow = HttpDates.date(headers);
        if (serverNow != null) {
          jwts.learnServerTime(serverNow, sentAt, false);
        }
      }
    };
  }
}
