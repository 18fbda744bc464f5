package io.github.ghapp.auth.internal.token;

import io.github.ghapp.auth.TokenKey;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long to wait before refreshing a STALE token again after refreshes failed: 1 second after the
 * first failure, doubling up to 1 minute. A STALE token is still served meanwhile, so waiting costs
 * callers nothing and spares a failing GitHub. Callers whose token is EXPIRED do not wait for the
 * backoff: they have nothing to serve. The warnings it leads to are written here, under the
 * provider's logger, where operators look for them.
 *
 * @param failures refreshes failed in a row
 * @param notBeforeMillis no refresh of a STALE token starts before this moment (epoch millis)
 */
record RefreshBackoff(int failures, long notBeforeMillis) {
  private static final Logger log = LoggerFactory.getLogger(RefreshingTokenProvider.class);

  static final RefreshBackoff NONE = new RefreshBackoff(0, Long.MIN_VALUE);
  static final long FIRST_DELAY_MILLIS = 1_000;
  static final long MAX_DELAY_MILLIS = 60_000;

  /** The backoff after one more failure at {@code nowMillis}. */
  RefreshBackoff next(long nowMillis) {
    int doublings =
        Math.min(failures, 16); // 2^16 s is far past the cap; the bound keeps the shift sane
    long delay = Math.min(MAX_DELAY_MILLIS, FIRST_DELAY_MILLIS << doublings);
    return new RefreshBackoff(failures + 1, nowMillis + delay);
  }

  /**
   * The backoff after {@code key}'s refresh failed at {@code nowMillis}, logged with what callers
   * get meanwhile.
   *
   * @param servedUntil until when the cached token is still served, or null when callers get the
   *     error
   */
  RefreshBackoff afterFailure(
      long nowMillis, TokenKey key, Instant servedUntil, Throwable failure) {
    RefreshBackoff next = next(nowMillis);
    if (servedUntil != null) {
      log.warn(
          "Refreshing the installation token for installation {} ({}) failed; serving the cached"
              + " one until {} and trying again from {}",
          key.installationId(),
          key.request(),
          servedUntil,
          Instant.ofEpochMilli(next.notBeforeMillis()),
          failure);
    } else {
      log.warn(
          "Refreshing the installation token for installation {} ({}) failed; the callers waiting"
              + " for it get this error and the next call tries again",
          key.installationId(),
          key.request(),
          failure);
    }
    return next;
  }

  /**
   * The backoff after a new token came already due for refresh (GitHub granted less than the
   * refresh margin, or the clock is off): refreshing at once would make every call refresh again.
   */
  RefreshBackoff afterTooShortLived(long nowMillis, TokenKey key, Instant expiresAt) {
    RefreshBackoff next = next(nowMillis);
    log.warn(
        "The new installation token for installation {} ({}) expires at {}, already inside the"
            + " refresh margin; not refreshing it again before {}. Is the clock far from GitHub's?",
        key.installationId(),
        key.request(),
        expiresAt,
        Instant.ofEpochMilli(next.notBeforeMillis()));
    return next;
  }
}
