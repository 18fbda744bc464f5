package io.github.ghapp.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The delivery ids accepted within the last {@code window}, at most {@code capacity} of them, so
 * that a redelivery (GitHub reuses the id) is acknowledged without being handled twice.
 *
 * <p>Ids are kept in acceptance order, so the oldest are at the head: expiry and the size bound
 * both remove from there, and each call does O(1) amortised work under one short lock. When more
 * than {@code capacity} deliveries arrive within the window, the oldest ids are forgotten early; a
 * redelivery of one of them would then be handled again, which the size bound trades for bounded
 * memory.
 */
final class RecentDeliveries implements SeenDeliveries {
  private final Clock clock;
  private final Duration window;
  private final int capacity;
  private final LinkedHashMap<String, Instant> acceptedAt = new LinkedHashMap<>();

  RecentDeliveries(Clock clock, Duration window, int capacity) {
    this.clock = clock;
    this.window = window;
    this.capacity = capacity;
  }

  /**
   * Records {@code deliveryId} and returns true, or returns false when it was recorded within the
   * window.
   */
  @Override
  public synchronized boolean firstSighting(String deliveryId) {
    Instant now = clock.instant();
    expire(now);
    if (acceptedAt.containsKey(deliveryId)) {
      return false;
    }
    acceptedAt.put(deliveryId, now);
    if (acceptedAt.size() > capacity) {
      Iterator<String> oldest = acceptedAt.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    return true;
  }

  /**
   * Forgets {@code deliveryId}: it was not accepted after all, and a redelivery must be handled.
   */
  @Override
  public synchronized void forget(String deliveryId) {
    acceptedAt.remove(deliveryId);
  }

  synchronized int size() {
    return acceptedAt.size();
  }

  private void expire(Instant now) {
    Instant cutoff = now.minus(window);
    Iterator<Map.Entry<String, Instant>> it = acceptedAt.entrySet().iterator();
    while (it.hasNext() && !it.next().getValue().isAfter(cutoff)) {
      it.remove();
    }
  }
}
