package io.github.ghapp.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Which deliveries were accepted lately, so that a redelivery (GitHub reuses the delivery id) is
 * acknowledged without being handled again. The default remembers them in this process; a store
 * shared by every replica behind a load balancer ({@code RedisSeenDeliveries} in {@code
 * ghapp-redis}) recognises a redelivery that lands on another replica too.
 *
 * <pre>{@code
 * Webhooks hooks = Webhooks.builder(app).secret(secret)
 *     .seenDeliveries(RedisSeenDeliveries.on(tokenStore, Duration.ofHours(24)))
 *     .build();
 * }</pre>
 *
 * <p>Deduplication is a courtesy, not a guarantee: delivery is at least once, and handlers should
 * stay idempotent. An implementation that cannot reach its backing store should answer true (handle
 * it) rather than fail or drop a delivery. Implementations are called from many threads at once.
 */
public interface SeenDeliveries {

  /**
   * The default: ids accepted within {@code window}, at most {@code capacity} of them (the oldest
   * are forgotten first beyond it), in this process.
   */
  static SeenDeliveries inMemory(Clock clock, Duration window, int capacity) {
    return new RecentDeliveries(
        Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(window, "window"), capacity);
  }

  /**
   * Records {@code deliveryId} and returns true when it is new; returns false when it was recorded
   * within the window (a redelivery, acknowledged and not handled again).
   */
  boolean firstSighting(String deliveryId);

  /**
   * Forgets {@code deliveryId}: it was not accepted after all, and a redelivery must be handled.
   */
  void forget(String deliveryId);
}
