package io.github.ghapp.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Sees what an app's token cache and HTTP client do: the socket for metrics, tracing and audit logs
 * ({@code ghapp-micrometer} plugs in here). Every method has an empty default, so an implementation
 * overrides only what it records, and {@link #NONE} costs nothing.
 *
 * <p>Methods run on the thread doing the work, {@link #tokenServed} on every call of {@link
 * TokenProvider#token()}, the cached path included: keep them quick, never block and never call
 * back into the app. An exception a listener throws is logged (the first of each event at WARN,
 * later ones at DEBUG) and ignored; it never fails the caller's request. No argument ever holds a
 * token, a JWT or a key.
 *
 * <p>An app has one listener; to have several hear it (metrics and a {@link PermissionRecorder},
 * say), combine them with {@link #all}.
 *
 * <pre>{@code
 * GitHubApp app = GitHubApp.builder().clientId("Iv23liABC").privateKey(key)
 *     .listener(new GitHubAppListener() {
 *       @Override public void refreshFailed(TokenKey key, Duration took, RuntimeException error) {
 *         alerts.send("token refresh failed for installation " + key.installationId() + ": " + error);
 *       }
 *     })
 *     .build();
 * }</pre>
 */
public interface GitHubAppListener {

  /** Records nothing; the default. */
  GitHubAppListener NONE = new GitHubAppListener() {};

  /**
   * Listeners that each hear every event, in the order given: for an app's one {@link
   * GitHubAppBuilder#listener listener} slot. What one of them throws is logged and ignored, and
   * the next still hears the event. Each listener adds its own cost to {@link #tokenServed}.
   *
   * <pre>{@code
   * GitHubApp.builder()...listener(GitHubAppListener.all(metrics, recorder)).build();
   * }</pre>
   */
  static GitHubAppListener all(GitHubAppListener... listeners) {
    return AllListeners.of(listeners);
  }

  /** How a {@link TokenProvider} served a caller. */
  enum TokenServing {
    /** From the cached snapshot, with no lock and no network: the hot path. */
    FRESH,
    /**
     * The cached token, inside the refresh margin, served at once while one refresh runs. Without a
     * refresh executor, the one caller that runs the refresh on its own thread counts here too.
     */
    STALE,
    /** The caller waited for a refresh: nothing cached, or less validity left than it needed. */
    WAITED
  }

  /** Why a request to GitHub was sent again. */
  enum RetryCause {
    /** The connection failed or was lost before an answer. */
    CONNECTION,
    /** GitHub answered 5xx. */
    SERVER_ERROR,
    /** A rate limit was waited out ({@code retry-after} or {@code x-ratelimit-reset}). */
    RATE_LIMIT,
    /** A token minted seconds ago was refused: GitHub had not replicated it yet. */
    REPLICATION_LAG,
    /** A cached token GitHub no longer accepts was dropped and a new one minted. */
    REFUSED_TOKEN,
    /** GitHub refused the JWT's time claims; it was signed again on GitHub's clock. */
    CLOCK_SKEW,
    /** GitHub could not decode the JWT; the next configured key was tried. */
    KEY_ROTATION,
    /** GitHub answered with a redirect within the same host. */
    REDIRECT
  }

  /**
   * Why a mint went ahead without the lock that a {@link TokenStore} shared by several processes
   * holds across all of them (see {@link #mintUncoordinated}).
   */
  enum UncoordinatedMint {
    /**
     * The shared store could not be reached (down, slow or refusing): this process minted alone.
     */
    STORE_UNAVAILABLE,
    /** Another process held the lock for longer than this one waits; it minted without it. */
    WAITED_TOO_LONG,
    /** The lock ran out while the mint was in flight (the process stalled) and may be another's. */
    LOCK_LOST
  }

  /**
   * A rate limit GitHub reported in an answer's {@code x-ratelimit-*} headers.
   *
   * @param resource which budget, e.g. {@code core}, {@code graphql}, {@code search}
   * @param limit requests allowed in the window
   * @param remaining requests left in the window
   * @param used requests spent in the window
   * @param reset when the window starts again
   * @param installationId the installation whose budget it is, or 0 for the app's own (JWT) budget
   *     and for clients built from a bare token
   */
  record RateLimit(
      String resource, int limit, int remaining, int used, Instant reset, long installationId) {}

  /**
   * A token provider answered a caller: once per call of any of its token methods. Runs on the
   * FRESH path: it must take nanoseconds.
   *
   * @param key which installation and scope
   * @param how from the snapshot, stale while refreshing, or after waiting
   */
  default void tokenServed(TokenKey key, TokenServing how) {}

  /** A refresh of {@code key}'s token began (at most one per key is in flight). */
  default void refreshStarted(TokenKey key) {}

  /**
   * A refresh ended with a token.
   *
   * @param took from start to the token being served
   * @param expiresAt when the new token expires, on GitHub's clock
   * @param minted true when it was minted here, false when it came from the {@link TokenStore}
   */
  default void refreshSucceeded(TokenKey key, Duration took, Instant expiresAt, boolean minted) {}

  /**
   * A refresh failed; callers that waited for it get {@code error}, a still valid cached token
   * keeps being served. (A refresh ended by an {@link Error} is not reported.)
   *
   * @param error usually a {@link GitHubException} subtype, which tells the cause apart
   */
  default void refreshFailed(TokenKey key, Duration took, RuntimeException error) {}

  /**
   * GitHub minted an installation token ({@code POST /app/installations/{id}/access_tokens}), for a
   * refresh or for {@link GitHubApp#createToken}.
   *
   * @param took the mint's request, retries included
   */
  default void tokenMinted(long installationId, Duration took, Instant expiresAt) {}

  /**
   * One logical request to GitHub ended, with all its retries.
   *
   * @param method the HTTP method
   * @param route the route as written by the caller, e.g. {@code /repos/{owner}/{repo}/issues}
   *     (placeholders kept, never the expanded path, and without any query), or {@code /graphql};
   *     every page of a pagination is named by the first page's route
   * @param status GitHub's final status, or 0 when no answer came (the request then threw a {@link
   *     TransportException})
   * @param took from the start to the final answer, the credential included (an installation's
   *     first request waits for its token's mint)
   */
  default void requestCompleted(String method, String route, int status, Duration took) {}

  /**
   * A request is about to be sent again.
   *
   * @param route as in {@link #requestCompleted}
   * @param attempt the number of the send about to happen (2 for the first retry); every send
   *     counts, redirects included
   * @param wait how long it waits before that send ({@link Duration#ZERO} when it goes at once)
   */
  default void requestRetried(
      String method, String route, RetryCause cause, int attempt, Duration wait) {}

  /** GitHub reported a rate limit in an answer; called for every answer that carries one. */
  default void rateLimitReported(RateLimit rateLimit) {}

  /**
   * An answer said which permissions its endpoint accepts ({@code X-Accepted-GitHub-Permissions},
   * which GitHub sends to Apps on success and on refusal alike): what {@link PermissionRecorder}
   * learns an endpoint's exact needs from.
   *
   * @param route as in {@link #requestCompleted}
   * @param accepted the sets any one of which the endpoint accepts; never empty
   */
  default void acceptedPermissionsReported(
      String method, String route, List<PermissionSet> accepted) {}

  /**
   * A {@link TokenStore} shared by several processes let a mint run without its fleet-wide lock, so
   * another process may mint a token for the same key at about the same time. That is harmless
   * (both tokens are valid, each process uses one), but a fleet that often does it mints more than
   * it needs: count these.
   */
  default void mintUncoordinated(TokenKey key, UncoordinatedMint why) {}

  /**
   * A {@link TokenStore} shared by several processes stopped answering; told once per outage, not
   * per call. Meanwhile tokens keep being served from this process's cache and minted here when
   * due; the store is tried again now and then and {@link #tokenStoreRecovered} follows when it
   * answers.
   *
   * @param store where the store is, e.g. {@code redis://10.0.0.5:6379} (never a credential)
   * @param problem what failed, e.g. the client's exception kind and message (never a credential)
   */
  default void tokenStoreUnavailable(String store, String problem) {}

  /**
   * The shared {@link TokenStore} answers again after an outage; tokens are shared once more.
   *
   * @param outage from the first failure to the first answer after it
   */
  default void tokenStoreRecovered(String store, Duration outage) {}
}
