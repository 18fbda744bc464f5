package io.github.ghapp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Plain HTTP requests with one fixed installation token, as any other program holding the token
 * would send them: the quickstart uses it to show what GitHub answers to the token itself (the
 * library's own clients would mint a replacement on a 401, hiding exactly what the revocation step
 * shows).
 */
final class TokenHttp implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http;
  private final String token;
  private final Duration timeout;

  TokenHttp(String token) {
    this(token, Duration.ofSeconds(30));
  }

  /**
   * @param token the installation token, or null for an anonymous request (public data)
   * @param timeout how long a request may take, connecting (at most 10 s of it) included
   */
  TokenHttp(String token, Duration timeout) {
    this.token = token;
    this.timeout = timeout;
    Duration connect =
        timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10);
    this.http = HttpClient.newBuilder().connectTimeout(connect).build();
  }

  /** Closes the client (see {@link HttpClients#close}); this object is done with then. */
  @Override
  public void close() {
    HttpClients.close(http);
  }

  /** An answer: its status and JSON body (a missing node when it had none). */
  record Answer(int status, JsonNode body) {
    /** {@code 404 Not Found}: the status and GitHub's message. */
    String describe() {
      String message = body.path("message").asText("");
      return status + (message.isEmpty() ? "" : " " + message);
    }
  }

  Answer send(String method, URI uri, Map<String, ?> body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", "application/vnd.github+json")
            .header("X-GitHub-Api-Version", "2022-11-28")
            .header("User-Agent", "ghapp");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = response.body().isBlank() ? MissingNode.getInstance() : parse(response.body());
    return new Answer(response.statusCode(), json);
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return MissingNode.getInstance(); // not JSON (an HTML error page): the status says enough
    }
  }
}
