package io.github.ghapp.auth.internal.http;

import io.github.ghapp.auth.GitHubAppListener.RetryCause;
import io.github.ghapp.auth.GitHubException;
import java.net.http.HttpHeaders;
import java.util.Map;

/**
 * How a request authenticates, and how it recovers when GitHub answers 401: what {@link RestCaller}
 * asks of the credentials package, which knows JWTs and installation tokens (declared here, beside
 * its caller, so that the HTTP layer depends on nothing above it). Each logical request, with all
 * its retries, gets its own {@link Attempt}, which remembers what it already tried.
 */
public interface Credentials {

  Attempt begin();

  /**
   * The installation whose rate-limit budget these credentials spend, as reported to the listener;
   * 0 for the app's own JWT and for a bare token, whose installation is not known here.
   */
  default long installationId() {
    return 0;
  }

  interface Attempt {
    /** The {@code Authorization} header value for the next send. */
    String authorization();

    /**
     * Decides how to recover from a 401 answer and says why the request goes again ({@link
     * RetryCause#REPLICATION_LAG}: after a backoff; any other cause: at once), or throws the
     * exception to report.
     */
    RetryCause unauthorized(GitHubException error, HttpHeaders headers);

    /** Sees every successful answer's headers. */
    default void succeeded(HttpHeaders headers) {}

    /**
     * The permissions of the token last sent, to say beside GitHub's refusal what it had; null when
     * not known (a JWT, a bare token).
     */
    default Map<String, String> permissions() {
      return null;
    }

    /**
     * Told that the request stops waiting for replication ({@link RetryCause#REPLICATION_LAG}) and
     * fails with {@code error}: the token may be dead rather than new, and should not be sent
     * again.
     */
    default void stoppedWaitingForReplication(GitHubException error) {}
  }
}
