package io.github.ghapp.spring.boot.autoconfigure;

import io.github.ghapp.webhooks.WebhookResult;
import io.github.ghapp.webhooks.WebhookSignature;
import io.github.ghapp.webhooks.Webhooks;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/** Signed deliveries handed straight to a receiver, for tests that need no server. */
final class Deliveries {
  static final String ISSUE_OPENED =
      "{\"action\":\"opened\",\"issue\":{\"number\":1},"
          + "\"repository\":{\"id\":1,\"name\":\"hello-world\",\"owner\":{\"login\":\"octo-org\"}}}";

  private Deliveries() {}

  static WebhookResult deliver(Webhooks hooks, String secret, String event, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    return hooks.handle(
        Map.of(
            "X-GitHub-Event",
            event,
            "X-GitHub-Delivery",
            UUID.randomUUID().toString(),
            "Content-Type",
            "application/json",
            "X-Hub-Signature-256",
            WebhookSignature.sign(secret, body)),
        body);
  }
}
