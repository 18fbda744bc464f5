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

  /** Never handed out with less than this left: the expiry margin, scaled to this token's life. */
  final long expiryMarginMillis;

  private TokenSnapshot(
      InstallationToken token, long expiresAtMillis, long staleAtMillis, long expiryMarginMillis) {
    this.token = token;
    this.expiresAtMillis = expiresAtMillis;
    this.staleAtMillis = staleAtMillis;
    this.expiryMarginMillis = expiryMarginMillis;
  }

  /**
   * Snapshots {@code token}, starting its STALE window {@code refreshMarginMillis} before expiry
   * plus a random extra of up to {@code jitterMillis}. The jitter is drawn once here, per token, so
   * that many processes holding tokens minted at the same moment spread their refreshes out.
   */
  static TokenSnapshot of(InstallationToken token, long refreshMarginMillis, long jitterMillis) {
    return of(token, refreshMarginMillis, 0, jitterMillis, Long.MAX_VALUE);
  }

  /**
   * Like {@link #of(InstallationToken, long, long)}, with each margin at most its fraction of the
   * token's {@code lifetimeMillis} ({@link RefreshPolicy#scaled}), so that a token GitHub gave less
   * life than the margins is still FRESH for most of it instead of being born STALE or EXPIRED.
   */
  static TokenSnapshot of(
      InstallationToken token,
      long refreshMarginMillis,
      long expiryMarginMillis,
      long jitterMillis,
      long lifetimeMillis) {
    long refresh =
        RefreshPolicy.scaled(refreshMarginMillis, lifetimeMillis, RefreshPolicy.REFRESH_SHARE);
    long expiry =
        RefreshPolicy.scaled(expiryMarginMillis, lifetimeMillis, RefreshPolicy.EXPIRY_SHARE);
    long jitterMax = RefreshPolicy.scaled(jitterMillis, lifetimeMillis, RefreshPolicy.JITTER_SHARE);
    long expiresAt = token.expiresAt().toEpochMilli();
    long jitter = jitterMax == 0 ? 0 : ThreadLocalRandom.current().nextLong(jitterMax + 1);
    return new TokenSnapshot(token, expiresAt, expiresAt - refresh - jitter, expiry);
  }

  boolean isFresh(long nowMillis) {
    return nowMillis < staleAtMillis;
  }

  /** Whether at least {@code validityMillis} of validity is left at {@code nowMillis}. */
  boolean lasts(long nowMillis, long validityMillis) {
    return expiresAtMillis - nowMillis >= validityMillis;
  }

  /** Whether it may be handed to a caller asking for {@code minValidityMillis} (0: any). */
  boolean serves(long nowMillis, long minValidityMillis) {
    return lasts(nowMillis, Math.max(minValidityMillis, expiryMarginMillis));
  }
}
