package io.github.ghapp.auth.internal.token;

import java.time.Duration;
import java.util.Objects;

/**
 * When a cached token is refreshed. A token is FRESH while more than {@code refreshMargin} is left,
 * STALE (served, while one refresh runs) between that and {@code expiryMargin}, and EXPIRED
 * (callers wait for the refresh) below {@code expiryMargin}. The start of the STALE window is moved
 * earlier by a random amount up to {@code jitter}, so that many processes holding tokens minted
 * together do not refresh in lock-step.
 *
 * @param refreshMargin refresh from this long before expiry (default 15 minutes)
 * @param expiryMargin never hand out a token with less than this left (default 5 minutes)
 * @param jitter up to this much earlier, at random, per token (default 1 minute)
 * @see RefreshingTokenProvider
 */
public record RefreshPolicy(Duration refreshMargin, Duration expiryMargin, Duration jitter) {
  /** GitHub's installation tokens expire one hour after they are minted. */
  public static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

  private static final Duration LONGEST_REFRESH_WINDOW = Duration.ofMinutes(55);

  /**
   * The most of a token's lifetime each margin may take, as AWS's and Google's refreshers scale
   * theirs: the defaults are exactly these shares of GitHub's hour (15, 5 and 1 minutes), so a
   * standard token is unaffected, while a token minted with less life (a GHES setting, a test
   * server, a skewed clock) is still used for most of it, and refreshed once, not on every call.
   */
  static final double REFRESH_SHARE = 1.0 / 4;

  static final double EXPIRY_SHARE = 1.0 / 12;
  static final double JITTER_SHARE = 1.0 / 60;

  public static final RefreshPolicy DEFAULT =
      new RefreshPolicy(Duration.ofMinutes(15), Duration.ofMinutes(5), Duration.ofMinutes(1));

  public RefreshPolicy {
    Objects.requireNonNull(refreshMargin, "refreshMargin");
    Objects.requireNonNull(expiryMargin, "expiryMargin");
    Objects.requireNonNull(jitter, "jitter");
    if (expiryMargin.isNegative()) {
      throw new IllegalArgumentException("expiryMargin must not be negative, got " + expiryMargin);
    }
    if (jitter.isNegative()) {
      throw new IllegalArgumentException("jitter must not be negative, got " + jitter);
    }
    if (refreshMargin.compareTo(expiryMargin) < 0) {
      throw new IllegalArgumentException(
          "refreshMargin ("
              + refreshMargin
              + ") must be at least expiryMargin ("
              + expiryMargin
              + "): a token must be refreshed before"
              + " it becomes too old to hand out");
    }
    // A freshly minted token must start FRESH; otherwise every call would start another refresh.
    if (refreshMargin.plus(jitter).compareTo(LONGEST_REFRESH_WINDOW) > 0) {
      throw new IllegalArgumentException(
          "refreshMargin ("
              + refreshMargin
              + ") plus jitter ("
              + jitter
              + ") must be at most "
              + LONGEST_REFRESH_WINDOW.toMinutes()
              + " minutes: installation tokens"
              + " live one hour, and a new token must be usable for a while before its refresh starts");
    }
  }

  /**
   * The validity, in milliseconds, a caller asks for; each token's expiry margin (scaled to its
   * lifetime, {@link TokenSnapshot#serves}) applies on top. Refuses what no new token could
   * promise.
   */
  static long scaled(long marginMillis, long lifetimeMillis, double share) {
    if (lifetimeMillis == Long.MAX_VALUE) {
      return marginMillis;
    }
    return Math.min(marginMillis, (long) (Math.max(0, lifetimeMillis) * share));
  }

  long requiredMillis(Duration minValidity) {
    Objects.requireNonNull(minValidity, "minValidity");
    if (minValidity.isNegative()) {
      throw new IllegalArgumentException("minValidity must not be negative, got " + minValidity);
    }
    Duration most = TOKEN_LIFETIME.minus(expiryMargin);
    if (minValidity.compareTo(most) > 0) {
      throw new IllegalArgumentException(
          "minValidity "
              + minValidity
              + " is more than a new token can promise: installation tokens live "
              + TOKEN_LIFETIME.toMinutes()
              + " minutes and are never handed out inside the expiry margin, so ask for at most "
              + most);
    }
    return minValidity.toMillis(); // the token's own (scaled) expiry margin applies on top
  }
}
