package io.github.ghapp.emulator.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a route or a surface answers: a status, a JSON body (REST, GraphQL), a plain-text one (Git's
 * refusals) or none, and extra headers. The {@link Surface} writes it with the common headers.
 */
public final class ApiResponse {

  /** The answer of a surface that has streamed it itself ({@link Exchange#streamingResponse()}). */
  public static final ApiResponse STREAMED = new ApiResponse(0, null, null);

  private final int status;
  private final JsonNode body;
  private final String text;
  private final Map<String, String> headers = new LinkedHashMap<>();

  private ApiResponse(int status, JsonNode body, String text) {
    this.status = status;
    this.body = body;
    this.text = text;
  }

  public static ApiResponse json(int status, JsonNode body) {
    return new ApiResponse(status, body, null);
  }

  public static ApiResponse ok(JsonNode body) {
    return new ApiResponse(200, body, null);
  }

  public static ApiResponse noContent() {
    return new ApiResponse(204, null, null);
  }

  /** A plain-text answer; null text for none at all. */
  public static ApiResponse text(int status, String text) {
    return new ApiResponse(status, null, text);
  }

  public ApiResponse header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public int status() {
    return status;
  }

  /** Null for a response without a JSON body (204, plain text). */
  public JsonNode body() {
    return body;
  }

  /** The plain-text body; null unless made by {@link #text}. */
  public String text() {
    return text;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
