package io.github.ghapp.auth.internal.token;

import io.github.ghapp.auth.InstallationToken;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One cached token with the moment its refresh is due, both precomputed as epoch milliseconds of
 * the provider's clock. Immutable and published through a volatile field, so the hot path decides
 * FRESH with one volatile read, one {@code clock.millis()} and one comparison: no lock, no
 * allocation.
 */
final class TokenSnapshot {
  final InstallationToken token;
  final long expiresAtMillis;

  /** From here on the token is STALE: still served, but a refresh is due. */
  final long staleAtMillis;

  private TokenSnapshot(InstallationToken token, long expiresAtMillis, long staleAtMillis) {
    this.token = token;
    this.expiresAtMillis = expiresAtMillis;
    this.staleAtMillis = staleAtMillis;
  }

  /**
   * Snapshots {@code token}, starting its STALE window {@code refreshMarginMillis} before expiry
   * plus a random extra of up to {@code jitterMillis}. The jitter is drawn once here, per token, so
   * that many processes holding tokens minted at the same moment spread their refreshes out.
   */
  static TokenSnapshot of(InstallationToken token, long refreshMarginMillis, long jitterMillis) {
    long expiresAt = token.expiresAt().toEpochMilli();
    long jitter = jitterMillis == 0 ? 0 : ThreadLocalRandom.current().nextLong(jitterMillis + 1);
    return new TokenSnapshot(token, expiresAt, expiresAt - refreshMarginMillis - jitter);
  }

  boolean isFresh(long nowMillis) {
    return nowMillis < staleAtMillis;
  }

  /** Whether at least {@code validityMillis} of validity is left at {@code nowMillis}. */
  boolean lasts(long nowMillis, long validityMillis) {
    return expiresAtMillis - nowMillis >= validityMillis;
  }
}
