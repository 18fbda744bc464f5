package io.github.ghapp.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain JDK HTTP client for the tests: no ghapp-auth, so that the emulator is checked from the
 * outside.
 */
final class Http {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final List<String> headers = new ArrayList<>();

  private Http(URI base) {
    this.base = base;
  }

  static Http at(URI base) {
    return new Http(base);
  }

  /** The admin API at the emulator's root, with this run's admin token. */
  static Http admin(GitHubEmulator emulator) {
    return at(URI.create("http://127.0.0.1:" + emulator.port())).bearer(emulator.adminToken());
  }

  Http bearer(String credential) {
    return header("Authorization", "Bearer " + credential);
  }

  Http token(String credential) {
    return header("Authorization", "token " + credential);
  }

  Http header(String name, String value) {
    Http copy = new Http(base);
    copy.headers.addAll(headers);
    copy.headers.add(name);
    copy.headers.add(value);
    return copy;
  }

  Reply get(String path) {
    return send("GET", path, null);
  }

  Reply post(String path, String json) {
    return send("POST", path, json);
  }

  Reply delete(String path) {
    return send("DELETE", path, null);
  }

  Reply send(String method, String path, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/vnd.github+json")
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    for (int i = 0; i < headers.size(); i += 2) {
      request.header(headers.get(i), headers.get(i + 1));
    }
    try {
      HttpResponse<String> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A response with its JSON body parsed. */
  static final class Reply {
    final HttpResponse<String> response;
    final JsonNode json;

    Reply(HttpResponse<String> response) {
      this.response = response;
      JsonNode parsed;
      try {
        parsed = response.body().isEmpty() ? null : JSON.readTree(response.body());
      } catch (IOException e) {
        parsed = null;
      }
      this.json = parsed;
    }

    int status() {
      return response.statusCode();
    }

    String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    String message() {
      return json == null ? null : json.path("message").asText(null);
    }

    @Override
    public String toString() {
      return response.statusCode() + " " + response.body();
    }
  }
}
