package io.github.ghapp.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;
import java.util.Objects;

/**
 * A successful answer from GitHub with its status and headers, for the few calls that need more
 * than the body (ETags, rate-limit headers, {@code 204} versus {@code 200}).
 *
 * <pre>{@code
 * GitHubResponse r = gh.send("GET /rate_limit", Map.of());
 * String remaining = r.header("x-ratelimit-remaining");
 * }</pre>
 *
 * @param status the HTTP status (2xx or 304)
 * @param headers the response headers
 * @param body the parsed JSON body; a missing node when the answer had no body
 */
public record GitHubResponse(int status, HttpHeaders headers, JsonNode body) {
  public GitHubResponse {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
  }

  /** The first value of header {@code name} (case-insensitive), or null. */
  public String header(String name) {
    return headers.firstValue(name).orElse(null);
  }

  /** The {@code X-GitHub-Request-Id} of this answer, or null. */
  public String requestId() {
    return header("x-github-request-id");
  }

  @Override
  public String toString() {
    return "GitHubResponse{status=" + status + ", requestId=" + requestId() + "}";
  }
}
