package io.github.ghapp.emulator;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/** Webhook payloads as the emulator sent them, read from its delivery log. */
final class Deliveries {

  private Deliveries() {}

  /** The first payload of this event and action that matches, waiting for its attempt. */
  static JsonNode sent(GitHubEmulator emu, String event, String action, Predicate<JsonNode> which) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                emu.deliveries().stream()
                    .filter(d -> d.event().equals(event) && action.equals(d.action()))
                    .map(d -> parse(d.requestBody()))
                    .filter(which)
                    .findFirst()
                    .orElse(null),
            Objects::nonNull);
  }

  /** How many attempts of this event and action matched so far. */
  static long count(GitHubEmulator emu, String event, String action, Predicate<JsonNode> which) {
    return emu.deliveries().stream()
        .filter(d -> d.event().equals(event) && action.equals(d.action()))
        .map(d -> parse(d.requestBody()))
        .filter(which)
        .count();
  }

  static JsonNode parse(String json) {
    try {
      return Http.JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
