package io.github.ghapp.auth.internal.token;

/**
 * How long to wait before refreshing a STALE token again after refreshes failed: 1 second after the
 * first failure, doubling up to 1 minute. A STALE token is still served meanwhile, so waiting costs
 * callers nothing and spares a failing GitHub. Callers whose token is EXPIRED do not wait for the
 * backoff: they have nothing to serve.
 *
 * @param failures refreshes failed in a row
 * @param notBeforeMillis no refresh of a STALE token starts before this moment (epoch millis)
 */
record RefreshBackoff(int failures, long notBeforeMillis) {
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
}
