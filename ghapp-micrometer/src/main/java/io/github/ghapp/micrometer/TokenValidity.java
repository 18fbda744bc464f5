package io.github.ghapp.micrometer;

import io.github.ghapp.auth.TokenKey;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each cached token expires, as its refreshes told: what the validity gauges read. A token
 * that has expired is forgotten when next read, since ghapp refreshes on demand and an unused token
 * simply runs out; only tokens still valid make the gauges.
 */
final class TokenValidity {
  /** Past this many keys, a refresh also forgets expired tokens, should no gauge read them. */
  private static final int PRUNE_ABOVE = 10_000;

  private final Map<TokenKey, Long> expiries = new ConcurrentHashMap<>();

  void refreshed(TokenKey key, long expiresAtMillis, long nowMillis) {
    expiries.put(key, expiresAtMillis);
    if (expiries.size() > PRUNE_ABOVE) {
      count(nowMillis);
    }
  }

  /** Seconds left on the valid token that expires first, NaN when there is none. */
  double minSecondsLeft(long nowMillis) {
    return minSecondsLeft(nowMillis, -1);
  }

  /**
   * Seconds left on the installation's valid token that expires first, NaN when there is none.
   *
   * @param installationId -1 for every installation
   */
  double minSecondsLeft(long nowMillis, long installationId) {
    long least = Long.MAX_VALUE;
    for (Iterator<Map.Entry<TokenKey, Long>> it = expiries.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<TokenKey, Long> e = it.next();
      long left = e.getValue() - nowMillis;
      if (left <= 0) {
        it.remove();
      } else if (installationId < 0 || e.getKey().installationId() == installationId) {
        least = Math.min(least, left);
      }
    }
    return least == Long.MAX_VALUE ? Double.NaN : least / 1000.0;
  }

  /** How many tokens are still valid. */
  int count(long nowMillis) {
    expiries.values().removeIf(expiresAt -> expiresAt <= nowMillis);
    return expiries.size();
  }
}
