package io.github.ghapp.auth.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.ghapp.auth.ErrorDetails;
import io.github.ghapp.auth.Installation;
import io.github.ghapp.auth.InstallationToken;
import io.github.ghapp.auth.NotGitHubApiException;
import io.github.ghapp.auth.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON in and out, and turning GitHub's objects into ghapp's values. */
public final class Json {
  private Json() {}

  /**
   * The mapper, for values that are not plain JSON. Made on first use: requests and answers go
   * through {@link JsonTrees}, so a command-line token mint never sets one up.
   */
  public static ObjectMapper mapper() {
    return Mapper.MAPPER;
  }

  private static final class Mapper {
    static final ObjectMapper MAPPER =
        new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  /** {@code params} as a JSON object, as the mapper would make it. */
  static JsonNode tree(Map<String, Object> params) {
    JsonNode tree = JsonTrees.tree(params);
    return tree != null ? tree : mapper().valueToTree(params);
  }

  /** The body as JSON; a missing node when empty; the text itself when it is not JSON. */
  static JsonNode parseBody(byte[] body) {
    if (body == null || body.length == 0) {
      return MissingNode.getInstance();
    }
    try {
      JsonNode node = JsonTrees.read(body);
      return node == null ? MissingNode.getInstance() : node;
    } catch (IOException e) {
      return TextNode.valueOf(new String(body, StandardCharsets.UTF_8));
    }
  }

  static byte[] write(Object value) {
    try {
      byte[] plain = value instanceof JsonNode tree ? JsonTrees.write(tree) : null;
      return plain != null ? plain : mapper().writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // into memory: never
    }
  }

  /**
   * The answer to {@code POST /app/installations/{id}/access_tokens}.
   *
   * @throws IllegalArgumentException when it is not shaped as GitHub's token answer (the message
   *     never holds the token); callers report that as {@link #notGitHub}
   */
  public static InstallationToken installationToken(JsonNode body) {
    String token = text(body, "token");
    String expiresAt = text(body, "expires_at");
    if (!body.isObject() || token == null || expiresAt == null) {
      throw new IllegalArgumentException(
          "a token answer without 'token' or 'expires_at' (fields: " + fieldNames(body) + ")");
    }
    if (token.isEmpty() || token.chars().anyMatch(c -> c <= ' ' || c >= 0x7f || c == '"')) {
      // It goes into an Authorization header: refused here, not as an odd error on first use.
      throw new IllegalArgumentException(
          "a 'token' of "
              + token.length()
              + " characters that is empty or holds spaces, quotes or other characters no token has");
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

  /**
   * An installation object as GitHub sends it.
   *
   * @throws IllegalArgumentException when it is not an object with a positive {@code id}, or its
   *     {@code suspended_at} is no date; callers report that as {@link #notGitHub}
   */
  public static Installation installation(JsonNode node) {
    if (!node.isObject() || !node.path("id").canConvertToLong() || node.path("id").asLong() <= 0) {
      throw new IllegalArgumentException("an installation without a positive 'id'");
    }
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

  /**
   * Says that a 2xx answer lacked what GitHub's always carries ({@code what}, as {@link
   * #installationToken} and {@link #installation} describe it): it came from something else.
   */
  public static NotGitHubApiException notGitHub(
      String request, int status, HttpHeaders headers, String what) {
    String contentType = headers == null ? null : headers.firstValue("content-type").orElse(null);
    return new NotGitHubApiException(
        request
            + " answered "
            + status
            + " with "
            + what
            + ", which GitHub's API never sends. Check the base URL (GitHub Enterprise Server's"
            + " ends in /api/v3) and any proxy in between",
        new ErrorDetails(
            status,
            request,
            null,
            null,
            headers == null ? null : headers.firstValue("x-github-request-id").orElse(null),
            List.of()),
        contentType);
  }

  private static Instant instant(String iso) {
    try {
      return Instant.parse(iso);
    } catch (DateTimeParseException e) {
      // GitHub Enterprise Server has been seen to send offsets such as +00:00 rather than Z.
      try {
        return java.time.OffsetDateTime.parse(iso).toInstant();
      } catch (DateTimeParseException notADate) {
        throw new IllegalArgumentException(
            "a date that is not ISO 8601: " + iso.length() + " characters");
      }
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
