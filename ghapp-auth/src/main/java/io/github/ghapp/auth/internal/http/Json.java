package io.github.ghapp.auth.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.ghapp.auth.Installation;
import io.github.ghapp.auth.InstallationToken;
import io.github.ghapp.auth.Repository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON in and out, and turning GitHub's objects into ghapp's values. */
public final class Json {
  public static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private Json() {}

  /** The body as JSON; a missing node when empty; the text itself when it is not JSON. */
  static JsonNode parseBody(byte[] body) {
    if (body == null || body.length == 0) {
      return MissingNode.getInstance();
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      return node == null ? MissingNode.getInstance() : node;
    } catch (IOException e) {
      return TextNode.valueOf(new String(body, StandardCharsets.UTF_8));
    }
  }

  static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The answer to {@code POST /app/installations/{id}/access_tokens}. */
  public static InstallationToken installationToken(JsonNode body) {
    String token = text(body, "token");
    String expiresAt = text(body, "expires_at");
    if (token == null || expiresAt == null) {
      throw new IllegalStateException(
          "GitHub's token answer lacks 'token' or 'expires_at' (fields: " + fieldNames(body) + ")");
    }
    List<Repository> repositories = new ArrayList<>();
    for (JsonNode r : body.path("repositories")) {
      repositories.add(repository(r));
    }
    return new InstallationToken(
        token,
        instant(expiresAt),
        stringMap(body.path("permissions")),
        text(body, "repository_selection"),
        repositories);
  }

  public static Installation installation(JsonNode node) {
    List<String> events = new ArrayList<>();
    node.path("events").forEach(e -> events.add(e.asText()));
    String suspendedAt = text(node, "suspended_at");
    JsonNode account = node.path("account");
    String login =
        account.hasNonNull("login")
            ? account.get("login").asText()
            : account
                .path("slug")
                .asText(account.path("name").asText("")); // enterprises carry slug, not login
    return new Installation(
        node.path("id").asLong(),
        node.path("app_id").asLong(),
        login,
        text(node, "target_type"),
        text(node, "repository_selection"),
        stringMap(node.path("permissions")),
        events,
        suspendedAt == null ? null : instant(suspendedAt));
  }

  static Repository repository(JsonNode node) {
    return new Repository(
        node.path("id").asLong(),
        node.path("owner").path("login").asText(""),
        node.path("name").asText(""),
        node.path("private").asBoolean(false));
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Map<String, String> stringMap(JsonNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }

  private static Instant instant(String iso) {
    try {
      return Instant.parse(iso);
    } catch (DateTimeParseException e) {
      // GitHub Enterprise Server has been seen to send offsets such as +00:00 rather than Z.
      return java.time.OffsetDateTime.parse(iso).toInstant();
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
