package io.github.ghapp.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.webhooks.WebhookResult;
import io.github.ghapp.webhooks.WebhookSignature;
import io.github.ghapp.webhooks.Webhooks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two replicas behind one load balancer recognise each other's deliveries through Redis. */
class RedisSeenDeliveriesTest {
  static final String SECRET = "It's a Secret to Everybody";
  static final byte[] BODY =
      "{\"action\":\"opened\",\"issue\":{\"number\":1},\"installation\":{\"id\":42}}"
          .getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  static Map<String, String> headers(String deliveryId) {
    return Map.of(
        "X-GitHub-Event", "issues",
        "X-GitHub-Delivery", deliveryId,
        "X-GitHub-Hook-ID", "1",
        "User-Agent", "GitHub-Hookshot/test",
        "Content-Type", "application/json",
        "X-Hub-Signature-256", WebhookSignature.sign(SECRET, BODY));
  }

  @Test
  void redeliveryLandingOnAnotherReplica_isAcknowledgedNotHandledAgain() {
    List<String> handled = new CopyOnWriteArrayList<>();
    try (RedisServer redis = RedisServer.start(dir);
        RedisTokenStore first = store(redis);
        RedisTokenStore second = store(redis);
        Webhooks one = replica(first, "one", handled);
        Webhooks two = replica(second, "two", handled)) {

      WebhookResult original = one.handle(headers("d-1"), BODY);
      WebhookResult redelivery = two.handle(headers("d-1"), BODY);
      WebhookResult other = two.handle(headers("d-2"), BODY);

      assertThat(original.status()).isEqualTo(202);
      assertThat(redelivery.status()).isEqualTo(200);
      assertThat(other.status()).isEqualTo(202);
      assertThat(handled).containsExactly("one:d-1", "two:d-2");
    }
  }

  @Test
  void deliveryAHandlerFailedOn_isForgottenFleetWide_soItsRedeliveryIsHandled() {
    List<String> handled = new CopyOnWriteArrayList<>();
    try (RedisServer redis = RedisServer.start(dir);
        RedisTokenStore first = store(redis);
        RedisTokenStore second = store(redis);
        Webhooks one = replica(first, "one", handled);
        Webhooks two = replica(second, "two", handled)) {
      one.on(
          "issues",
          e -> {
            throw new IllegalStateException("the database was down");
          });

      one.handle(headers("d-3"), BODY);
      WebhookResult redelivery = two.handle(headers("d-3"), BODY);

      assertThat(redelivery.status()).isEqualTo(202);
      assertThat(handled).containsExactly("one:d-3", "two:d-3");
    }
  }

  private static RedisTokenStore store(RedisServer redis) {
    return RedisTokenStore.builder().uri(redis.uri()).sealingKey(Keys.SEALING).build();
  }

  private static Webhooks replica(RedisTokenStore store, String name, List<String> handled) {
    Webhooks hooks =
        Webhooks.builder()
            .secret(SECRET)
            .executor(Runnable::run)
            .seenDeliveries(RedisSeenDeliveries.on(store, Duration.ofMinutes(10)))
            .build();
    hooks.onAny(e -> handled.add(name + ":" + e.deliveryId()));
    return hooks;
  }
}
