package io.github.ghapp.emulator.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a route answers: a status, a JSON body (or none) and extra headers. The servlet adds the
 * common ones.
 */
public final class ApiResponse {

  private final int status;
  private final JsonNode body;
  private final Map<String, String> headers = new LinkedHashMap<>();

  private ApiResponse(int status, JsonNode body) {
    this.status = status;
    this.body = body;
  }

  public static ApiResponse json(int status, JsonNode body) {
    return new ApiResponse(status, body);
  }

  public static ApiResponse ok(JsonNode body) {
    return new ApiResponse(200, body);
  }

  public static ApiResponse noContent() {
    return new ApiResponse(204, null);
  }

  public ApiResponse header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public int status() {
    return status;
  }

  /** Null for a response without a body (204). */
  public JsonNode body() {
    return body;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
