package io.github.ghapp.redis;

import io.github.ghapp.redis.internal.Redis;
import io.github.ghapp.redis.internal.RedisDown;
import io.github.ghapp.webhooks.SeenDeliveries;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Webhook deduplication for a fleet: every replica behind the load balancer records the deliveries
 * it accepts in Redis ({@code SET PREFIXdelivery:ID 1 NX PX window}), so a redelivery that lands on
 * another replica is acknowledged there without being handled twice. Shares the token store's
 * connection, settings and outage handling:
 *
 * <pre>{@code
 * Webhooks hooks = Webhooks.builder(app).secret(secret)
 *     .seenDeliveries(RedisSeenDeliveries.on(tokenStore, Duration.ofHours(24)))
 *     .build();
 * }</pre>
 *
 * <p>While Redis does not answer, each replica falls back to its own memory (a redelivery to the
 * same replica is still recognised; one to another replica is handled again, which idempotent
 * handlers absorb). Needs {@code ghapp-webhooks} on the module path; it is an optional dependency.
 */
public final class RedisSeenDeliveries implements SeenDeliveries {
  private static final byte[] SEEN = {'1'};
  private static final int LOCAL_CAPACITY = 100_000;

  private final Redis redis;
  private final String prefix;
  private final long windowMillis;
  private final SeenDeliveries local;

  private RedisSeenDeliveries(RedisTokenStore store, Duration window) {
    this.redis = store.redis();
    this.prefix = store.prefix() + "delivery:";
    this.windowMillis = window.toMillis();
    this.local = SeenDeliveries.inMemory(Clock.systemUTC(), window, LOCAL_CAPACITY);
  }

  /**
   * Records deliveries in the Redis of {@code store}, under its prefix, for {@code window} (GitHub
   * redelivers on request for up to three days; a day is a common choice).
   */
  public static RedisSeenDeliveries on(RedisTokenStore store, Duration window) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(window, "window");
    if (window.toMillis() <= 0) {
      throw new IllegalArgumentException("window must be at least a millisecond, got " + window);
    }
    return new RedisSeenDeliveries(store, window);
  }

  @Override
  public boolean firstSighting(String deliveryId) {
    Objects.requireNonNull(deliveryId, "deliveryId");
    boolean firstHere = local.firstSighting(deliveryId); // the fallback while Redis is down
    try {
      return redis.setIfAbsent(key(deliveryId), SEEN, windowMillis);
    } catch (RedisDown e) {
      return firstHere;
    }
  }

  @Override
  public void forget(String deliveryId) {
    Objects.requireNonNull(deliveryId, "deliveryId");
    local.forget(deliveryId);
    try {
      redis.delete(key(deliveryId));
    } catch (RedisDown e) {
      // It expires with its window; meanwhile a redelivery to another replica is acknowledged.
    }
  }

  private byte[] key(String deliveryId) {
    return (prefix + deliveryId).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "RedisSeenDeliveries{prefix="
        + prefix
        + ", window="
        + Duration.ofMillis(windowMillis)
        + "}";
  }
}
