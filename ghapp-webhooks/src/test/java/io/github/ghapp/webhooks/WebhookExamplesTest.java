package io.github.ghapp.webhooks;

import static io.github.ghapp.webhooks.Deliveries.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example payload GitHub documents (via {@code @octokit/webhooks-examples}) is signed,
 * received, parsed and routed to exactly the handlers of its {@code name.action}, its {@code name},
 * and any. Examples alternate between the two content types GitHub can send.
 */
class WebhookExamplesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, List<String>> routed = new ConcurrentHashMap<>();
  private static final Map<String, List<String>> errors = new ConcurrentHashMap<>();
  private static final Map<String, WebhookEvent> events = new ConcurrentHashMap<>();
  private static List<Definition> definitions;
  private static Webhooks hooks;

  record Definition(Path index, String name, JsonNode examples) {}

  @BeforeAll
  static void receiveEveryRoute() throws IOException {
    definitions = new ArrayList<>();
    for (Path index : WebhookExamples.indexes()) {
      for (JsonNode def : JSON.readTree(index.toFile())) {
        definitions.add(new Definition(index, def.path("name").asText(), def.path("examples")));
      }
    }
    Set<String> routes = new LinkedHashSet<>();
    for (Definition def : definitions) {
      routes.add(def.name());
      for (JsonNode example : def.examples()) {
        if (example.hasNonNull("action")) {
          routes.add(def.name() + "." + example.get("action").asText());
        }
      }
    }
    hooks = Webhooks.builder().secret(SECRET).executor(Runnable::run).build();
    for (String route : routes) {
      hooks.on(route, event -> record(event, route));
    }
    hooks.onAny(
        event -> {
          events.put(event.deliveryId(), event);
          record(event, "*");
        });
    hooks.onError(
        (event, error) ->
            errors
                .computeIfAbsent(event.deliveryId(), id -> new ArrayList<>())
                .add(error.toString()));
  }

  @AfterAll
  static void close() {
    hooks.close();
  }

  @TestFactory
  Stream<DynamicTest> handle_everyGitHubExample_isVerifiedParsedAndRoutedToItsHandlers() {
    assertThat(definitions).as("definitions in the package").hasSizeGreaterThan(50);
    return definitions.stream()
        .map(
            def ->
                DynamicTest.dynamicTest(
                    def.index().getParent().getFileName()
                        + " "
                        + def.name()
                        + " ("
                        + def.examples().size()
                        + ")",
                    () -> deliverEach(def)));
  }

  private static void deliverEach(Definition def) throws IOException {
    int i = 0;
    for (JsonNode example : def.examples()) {
      boolean form = i++ % 2 == 1;
      String id = UUID.randomUUID().toString();
      byte[] json = JSON.writeValueAsBytes(example);
      byte[] body =
          form
              ? ("payload="
                      + URLEncoder.encode(
                          new String(json, StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                  .getBytes(StandardCharsets.US_ASCII)
              : json;
      String contentType = form ? "application/x-www-form-urlencoded" : "application/json";

      WebhookResult result =
          hooks.handle(Deliveries.headers(def.name(), id, body, SECRET, contentType), body);

      String what = def.name() + " example " + i + " (" + contentType + ")";
      assertThat(result.status()).as(what + ": " + result.message()).isEqualTo(202);
      assertThat(errors.get(id)).as(what).isNull();
      List<String> expected = new ArrayList<>();
      if (example.hasNonNull("action")) {
        expected.add(def.name() + "." + example.get("action").asText());
      }
      expected.add(def.name());
      expected.add("*");
      assertThat(routed.get(id)).as(what + " went to").isEqualTo(expected);
      assertTypedViewMatches(events.get(id), example, what);
    }
  }

  private static void assertTypedViewMatches(WebhookEvent event, JsonNode example, String what) {
    assertThat(event.payload()).as(what).isEqualTo(example);
    assertThat(event.action())
        .as(what + " action")
        .isEqualTo(java.util.Optional.ofNullable(example.path("action").textValue()));
    JsonNode installation = example.path("installation").path("id");
    if (installation.isNumber()) {
      assertThat(event.installationId()).as(what + " installation").hasValue(installation.asLong());
    } else {
      assertThat(event.installationId()).as(what + " installation").isEmpty();
    }
    JsonNode repository = example.path("repository");
    if (repository.isObject()) {
      assertThat(event.repository())
          .as(what + " repository")
          .hasValueSatisfying(
              repo -> {
                assertThat(repo.owner()).isEqualTo(repository.path("owner").path("login").asText());
                assertThat(repo.name()).isEqualTo(repository.path("name").asText());
                assertThat(repo.id()).isEqualTo(repository.path("id").asLong());
              });
    } else {
      assertThat(event.repository()).as(what + " repository").isEmpty();
    }
    assertThat(event.senderLogin())
        .as(what + " sender")
        .isEqualTo(java.util.Optional.ofNullable(example.path("sender").path("login").textValue()));
  }

  private static void record(WebhookEvent event, String route) {
    routed.computeIfAbsent(event.deliveryId(), id -> new ArrayList<>()).add(route);
  }
}
