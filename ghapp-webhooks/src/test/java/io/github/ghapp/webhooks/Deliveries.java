package io.github.ghapp.webhooks;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds deliveries the way GitHub sends them: headers plus a body signed with the webhook secret.
 */
final class Deliveries {
  static final String SECRET = "It's a Secret to Everybody";

  private Deliveries() {}

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** GitHub's headers for a JSON body signed with {@link #SECRET}. */
  static Map<String, String> headers(String event, String deliveryId, byte[] body) {
    return headers(event, deliveryId, body, SECRET, "application/json");
  }

  static Map<String, String> headers(
      String event, String deliveryId, byte[] body, String secret, String contentType) {
    Map<String, String> headers = new HashMap<>();
    headers.put("X-GitHub-Event", event);
    headers.put("X-GitHub-Delivery", deliveryId);
    headers.put("X-GitHub-Hook-ID", "1");
    headers.put("User-Agent", "GitHub-Hookshot/test");
    headers.put("Content-Type", contentType);
    headers.put("X-Hub-Signature-256", WebhookSignature.sign(secret, body));
    return headers;
  }

  /** A minimal {@code issues.opened} payload for installation 42 in octo-org/hello-world. */
  static byte[] issueOpened(int number) {
    return utf8(
        "{\"action\":\"opened\",\"issue\":{\"number\":"
            + number
            + "},"
            + "\"repository\":{\"id\":1296269,\"name\":\"hello-world\",\"full_name\":\"octo-org/hello-world\","
            + "\"private\":true,\"owner\":{\"login\":\"octo-org\"}},"
            + "\"sender\":{\"login\":\"octocat\"},\"installation\":{\"id\":42}}");
  }
}
