package io.github.ghapp.auth.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.github.ghapp.auth.HttpTransport;
import io.github.ghapp.auth.NotGitHubApiException;
import io.github.ghapp.auth.internal.credentials.TokenCredentials;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regression (security review #11): an answer that is not GitHub's API (a captive portal's HTML, a
 * plain web server's 404) was read as GitHub's and gave nonsense ("installationId must be positive,
 * got 0", "the app is not installed"). A bare JDK server on 127.0.0.1 plays the wrong server.
 */
class NotGitHubAnswerTest {
  private final List<HttpServer> servers = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopServers() {
    servers.forEach(s -> s.stop(0));
  }

  private HttpServer serving(int status, String contentType, String body) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
          }
        });
    server.start();
    servers.add(server);
    return server;
  }

  private static void send(HttpServer server) {
    Endpoints endpoints =
        Endpoints.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
    RestCaller.builder(endpoints)
        .transport(HttpTransport.of(HttpClient.newHttpClient()))
        .retry(
            new RetrySettings(
                3, Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofSeconds(10)))
        .build()
        .send(
            Route.expand("GET /app/installations", Map.of(), endpoints),
            TokenCredentials.fixed("s3cret"));
  }

  @Test
  void htmlAnswer200_isNotGitHubApi_namingTheServerStatusAndContentType() throws IOException {
    HttpServer portal = serving(200, "text/html; charset=utf-8", "<html>Sign in to Wi-Fi</html>");
    int port = portal.getAddress().getPort();

    assertThatThrownBy(() -> send(portal))
        .isInstanceOf(NotGitHubApiException.class)
        .hasMessageContaining("the server at 127.0.0.1:" + port + " did not answer as GitHub's API")
        .hasMessageContaining("200, text/html; charset=utf-8, not JSON")
        .hasMessageNotContaining("s3cret")
        .satisfies(
            e -> {
              NotGitHubApiException n = (NotGitHubApiException) e;
              assertThat(n.status()).isEqualTo(200);
              assertThat(n.contentType()).isEqualTo("text/html; charset=utf-8");
              assertThat(n.isRetryable()).isFalse();
            });
  }

  @Test
  void plainWebServers404_isNotGitHubApi_notANotFound() throws IOException {
    HttpServer web = serving(404, "text/html", "<h1>404 Not Found</h1>");

    assertThatThrownBy(() -> send(web))
        .isInstanceOf(NotGitHubApiException.class)
        .hasMessageContaining("404, text/html, not JSON");
  }

  @Test
  void jsonErrorWithoutGitHubsMessage_isNotGitHubApi() throws IOException {
    HttpServer other = serving(404, "application/json", "{\"error\": \"no such route\"}");

    assertThatThrownBy(() -> send(other))
        .isInstanceOf(NotGitHubApiException.class)
        .hasMessageContaining("404, application/json, JSON without GitHub's error message");
  }
}
