package io.github.ghapp.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link RouteHandler} answers: a status, a JSON body and headers of its own. The emulator
 * adds GitHub's headers around it ({@code Date}, {@code X-GitHub-Request-Id}, {@code
 * x-ratelimit-*}, {@code X-Accepted-GitHub-Permissions}, ...). Immutable: one instance may answer
 * many requests.
 *
 * <pre>{@code
 * RouteResponse.ok(Map.of("state", "open"));
 * RouteResponse.json(201, Map.of("id", 7)).header("Location", "https://api.github.com/...");
 * RouteResponse.jsonText(200, "[{\"name\": \"bug\"}]");
 * RouteResponse.error(422, "Validation Failed");     // GitHub's {message, documentation_url, status}
 * RouteResponse.noContent();
 * }</pre>
 */
public final class RouteResponse {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final int status;
  private final Object body;
  private final boolean hasBody;
  private final String errorMessage;
  private final Map<String, String> headers;

  private RouteResponse(
      int status, Object body, boolean hasBody, String errorMessage, Map<String, String> headers) {
    if (status < 200 || status > 599) {
      throw new IllegalArgumentException(
          "a route's status must be between 200 and 599, got " + status);
    }
    this.status = status;
    this.body = body;
    this.hasBody = hasBody;
    this.errorMessage = errorMessage;
    this.headers = Map.copyOf(headers);
  }

  /**
   * A JSON answer; {@code body} is anything Jackson writes: maps, lists, strings, numbers,
   * booleans, records, or {@code null} for JSON {@code null}.
   */
  public static RouteResponse json(int status, Object body) {
    return new RouteResponse(status, body, true, null, Map.of());
  }

  /** {@code 200} with this JSON body. */
  public static RouteResponse ok(Object body) {
    return json(200, body);
  }

  /**
   * A JSON answer given as text, e.g. copied from GitHub's documentation.
   *
   * @throws IllegalArgumentException when the text is not JSON
   */
  public static RouteResponse jsonText(int status, String json) {
    Objects.requireNonNull(json, "json");
    try {
      return json(status, JSON.readValue(json, Object.class));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "the route's body is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** {@code 204}, no body. */
  public static RouteResponse noContent() {
    return new RouteResponse(204, null, false, null, Map.of());
  }

  /**
   * GitHub's error shape, {@code {"message": ..., "documentation_url": ..., "status": "422"}},
   * pointing at the endpoint's documentation when the route is a documented GitHub endpoint.
   */
  public static RouteResponse error(int status, String message) {
    return new RouteResponse(
        status, null, false, Objects.requireNonNull(message, "message"), Map.of());
  }

  /** This answer with one more header (or another value for it). */
  public RouteResponse header(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new RouteResponse(status, body, hasBody, errorMessage, more);
  }

  public int status() {
    return status;
  }

  /** The JSON body's value; null for none ({@link #hasBody()} tells it from JSON {@code null}). */
  public Object body() {
    return body;
  }

  /** False for {@link #noContent()} and {@link #error}. */
  public boolean hasBody() {
    return hasBody;
  }

  /** The message of an {@link #error}; null otherwise. */
  public String errorMessage() {
    return errorMessage;
  }

  public Map<String, String> headers() {
    return headers;
  }

  @Override
  public String toString() {
    return "RouteResponse[status=" + status + ", headers=" + headers.keySet() + "]";
  }
}
