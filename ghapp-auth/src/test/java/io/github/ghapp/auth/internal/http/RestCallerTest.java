package io.github.ghapp.auth.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.ghapp.auth.GitHubAppListener;
import io.github.ghapp.auth.GitHubAppListener.RateLimit;
import io.github.ghapp.auth.GitHubException;
import io.github.ghapp.auth.GitHubResponse;
import io.github.ghapp.auth.HttpTransport;
import io.github.ghapp.auth.RateLimitedException;
import io.github.ghapp.auth.RecordingListener;
import io.github.ghapp.auth.ServerErrorException;
import io.github.ghapp.auth.internal.credentials.TokenCredentials;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the emulator cannot be made to do: redirects, {@code retry-after} on a 5xx or a secondary
 * rate limit, headers left out, and the request headers as they arrive. A bare JDK server on
 * 127.0.0.1 answers as scripted per test.
 */
class RestCallerTest {
  private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
  private final List<String> seen = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopServers() {
    servers.forEach(s -> s.stop(0));
  }

  @Test
  void send_setsGitHubsHeadersAndTheCredential() throws IOException {
    HttpServer github =
        server(
            exchange -> {
              seen.add(
                  exchange.getRequestHeaders().getFirst("Accept")
                      + "|"
                      + exchange.getRequestHeaders().getFirst("X-GitHub-Api-Version")
                      + "|"
                      + exchange.getRequestHeaders().getFirst("User-Agent")
                      + "|"
                      + exchange.getRequestHeaders().getFirst("Authorization"));
              answer(exchange, 200, "{}");
            });

    caller(github, 1)
        .send(
            Route.expand("GET /meta", Map.of(), endpoints(github)),
            TokenCredentials.fixed("s3cret"));

    assertThat(seen)
        .singleElement()
        .asString()
        .startsWith("application/vnd.github+json|2022-11-28|ghapp/")
        .contains(" (+https://github.com/ghapp)|Bearer s3cret")
        .doesNotContain("ghapp/unknown");
  }

  @Test
  void send_sameOriginRedirect_isFollowedWithTheCredential() throws IOException {
    HttpServer github =
        server(
            exchange -> {
              seen.add(
                  exchange.getRequestURI().getPath()
                      + " "
                      + exchange.getRequestHeaders().getFirst("Authorization"));
              if (exchange.getRequestURI().getPath().equals("/repos/old/name")) {
                exchange.getResponseHeaders().add("Location", "/repositories/7");
                answer(exchange, 301, "");
              } else {
                answer(exchange, 200, "{\"id\":7}");
              }
            });

    GitHubResponse r =
        caller(github, 1)
            .send(
                Route.expand("GET /repos/old/name", Map.of(), endpoints(github)),
                TokenCredentials.fixed("s3cret"));

    assertThat(r.body().path("id").asInt()).isEqualTo(7);
    assertThat(seen)
        .containsExactly("/repos/old/name Bearer s3cret", "/repositories/7 Bearer s3cret");
  }

  @Test
  void send_redirectToAnotherHost_isNotFollowedSoTheCredentialStaysHome() throws IOException {
    HttpServer elsewhere =
        server(
            exchange -> {
              seen.add("elsewhere " + exchange.getRequestHeaders().getFirst("Authorization"));
              answer(exchange, 200, "{}");
            });
    HttpServer github =
        server(
            exchange -> {
              exchange
                  .getResponseHeaders()
                  .add(
                      "Location",
                      "http://user:pa55@localhost:"
                          + elsewhere.getAddress().getPort()
                          + "/x?code=pa55");
              answer(exchange, 302, "");
            });

    assertThatThrownBy(
            () ->
                caller(github, 1)
                    .send(
                        Route.expand("GET /meta", Map.of(), endpoints(github)),
                        TokenCredentials.fixed("s3cret")))
        .isInstanceOf(GitHubException.class)
        .hasMessageContaining(
            "redirected (302) to http://localhost:" + elsewhere.getAddress().getPort() + ",")
        .hasMessageNotContaining("pa55")
        .satisfies(e -> assertThat(((GitHubException) e).status()).isEqualTo(302));
    assertThat(seen).isEmpty();
  }

  @Test
  void send_serviceUnavailableWithRetryAfter_waitsAndRetries() throws IOException {
    HttpServer github =
        server(
            exchange -> {
              seen.add(exchange.getRequestURI().getPath());
              if (seen.size() == 1) {
                exchange.getResponseHeaders().add("Retry-After", "0");
                answer(exchange, 503, "{\"message\":\"Service Unavailable\"}");
              } else {
                answer(exchange, 200, "[]");
              }
            });

    caller(github, 2)
        .send(
            Route.expand("GET /meta", Map.of(), endpoints(github)),
            TokenCredentials.fixed("t0ken"));

    assertThat(seen).hasSize(2);
  }

  @Test
  void send_serverErrorWithoutBody_isServerErrorCarryingTheRequestId() throws IOException {
    HttpServer github =
        server(
            exchange -> {
              exchange.getResponseHeaders().add("X-GitHub-Request-Id", "ABCD:1234");
              answer(exchange, 500, "");
            });

    assertThatThrownBy(
            () ->
                caller(github, 1)
                    .send(
                        Route.expand("GET /meta", Map.of(), endpoints(github)),
                        TokenCredentials.fixed("t0ken")))
        .isInstanceOf(ServerErrorException.class)
        .satisfies(e -> assertThat(((GitHubException) e).requestId()).isEqualTo("ABCD:1234"));
  }

  @Test
  void send_serverErrorAskingToWaitBeyondTheDeadline_failsAtOnceWithoutWaiting()
      throws IOException {
    HttpServer github =
        server(
            exchange -> {
              seen.add(exchange.getRequestURI().getPath());
              exchange.getResponseHeaders().add("Retry-After", "120");
              answer(exchange, 503, "{\"message\":\"Service Unavailable\"}");
            });

    assertThatThrownBy(
            () ->
                caller(github, 4)
                    .send(
                        Route.expand("GET /meta", Map.of(), endpoints(github)),
                        TokenCredentials.fixed("t0ken")))
        .isInstanceOf(ServerErrorException.class);
    assertThat(seen).as("sent once: waiting 120 s would overrun the 10 s deadline").hasSize(1);
  }

  @Test
  void send_secondaryRateLimitWithRetryAfter_waitsAsAskedAndRetries() throws IOException {
    HttpServer github =
        server(
            exchange -> {
              seen.add(exchange.getRequestURI().getPath());
              if (seen.size() == 1) {
                exchange.getResponseHeaders().add("Retry-After", "1");
                answer(
                    exchange, 403, "{\"message\":\"You have exceeded a secondary rate limit.\"}");
              } else {
                answer(exchange, 200, "{}");
              }
            });

    GitHubResponse r =
        caller(github, 4)
            .send(
                Route.expand("GET /meta", Map.of(), endpoints(github)),
                TokenCredentials.fixed("t0ken"));

    assertThat(r.status()).isEqualTo(200);
    assertThat(seen).hasSize(2);
  }

  @Test
  void send_rateLimitResettingAfterTheDeadline_failsAtOnceWithTheReset() throws IOException {
    HttpServer github =
        server(
            exchange -> {
              seen.add(exchange.getRequestURI().getPath());
              exchange.getResponseHeaders().add("x-ratelimit-remaining", "0");
              exchange
                  .getResponseHeaders()
                  .add("x-ratelimit-reset", Long.toString(Instant.now().getEpochSecond() + 3600));
              answer(exchange, 429, "{\"message\":\"API rate limit exceeded\"}");
            });

    assertThatThrownBy(
            () ->
                caller(github, 4)
                    .send(
                        Route.expand("GET /meta", Map.of(), endpoints(github)),
                        TokenCredentials.fixed("t0ken")))
        .isInstanceOf(RateLimitedException.class)
        .satisfies(e -> assertThat(((RateLimitedException) e).resetAt()).isAfter(Instant.now()));
    assertThat(seen).hasSize(1);
  }

  @Test
  void send_sameOriginRedirect_isToldToTheListenerAsARetryUnderTheRouteAsWritten()
      throws IOException {
    HttpServer github =
        server(
            exchange -> {
              if (exchange.getRequestURI().getPath().equals("/repos/old/name")) {
                exchange.getResponseHeaders().add("Location", "/repositories/7");
                answer(exchange, 301, "");
              } else {
                answer(exchange, 200, "{\"id\":7}");
              }
            });
    RecordingListener heard = new RecordingListener();

    caller(github, 1, heard)
        .send(
            Route.expand(
                "GET /repos/{owner}/{repo}",
                Map.of("owner", "old", "repo", "name"),
                endpoints(github)),
            TokenCredentials.fixed("s3cret"));

    assertThat(heard.events())
        .containsExactly(
            "retried GET /repos/{owner}/{repo} REDIRECT attempt 2",
            "completed GET /repos/{owner}/{repo} 200");
  }

  @Test
  void send_secondaryRateLimitWithRetryAfter_isToldToTheListenerWithTheWaitGitHubAskedFor()
      throws IOException {
    HttpServer github =
        server(
            exchange -> {
              seen.add(exchange.getRequestURI().getPath());
              if (seen.size() == 1) {
                exchange.getResponseHeaders().add("Retry-After", "0");
                answer(
                    exchange, 403, "{\"message\":\"You have exceeded a secondary rate limit.\"}");
              } else {
                exchange.getResponseHeaders().add("x-ratelimit-limit", "5000");
                exchange.getResponseHeaders().add("x-ratelimit-remaining", "4990");
                exchange.getResponseHeaders().add("x-ratelimit-reset", "1750000000");
                answer(exchange, 200, "{}");
              }
            });
    RecordingListener heard = new RecordingListener();

    caller(github, 4, heard)
        .send(Route.expand("GET /meta", Map.of(), endpoints(github)), TokenCredentials.fixed("t"));

    assertThat(heard.events())
        .containsExactly(
            "retried GET /meta RATE_LIMIT attempt 2",
            "rateLimit core 0",
            "completed GET /meta 200");
    assertThat(heard.durations().get(0)).isZero();
    assertThat(heard.rateLimits())
        .as("a missing resource is core's, a missing used what limit and remaining imply")
        .containsExactly(
            new RateLimit("core", 5000, 4990, 10, Instant.ofEpochSecond(1_750_000_000L), 0));
  }

  private RestCaller caller(HttpServer server, int maxAttempts) {
    return caller(server, maxAttempts, GitHubAppListener.NONE);
  }

  private RestCaller caller(HttpServer server, int maxAttempts, GitHubAppListener listener) {
    return RestCaller.builder(endpoints(server))
        .listener(listener)
        .transport(HttpTransport.of(HttpClient.newHttpClient()))
        .retry(
            new RetrySettings(
                maxAttempts, Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofSeconds(10)))
        .build();
  }

  private static Endpoints endpoints(HttpServer server) {
    return Endpoints.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
  }

  private HttpServer server(Handler handler) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            handler.handle(exchange);
          }
        });
    server.start();
    servers.add(server);
    return server;
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }

  @FunctionalInterface
  private interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }
}
