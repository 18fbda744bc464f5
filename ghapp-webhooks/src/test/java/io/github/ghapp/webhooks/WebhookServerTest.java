package io.github.ghapp.webhooks;

import static io.github.ghapp.webhooks.Deliveries.SECRET;
import static io.github.ghapp.webhooks.Deliveries.issueOpened;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real server on 127.0.0.1 receiving real HTTP POSTs from the JDK's HttpClient. */
class WebhookServerTest {
  private static final HttpClient http = HttpClient.newHttpClient();

  private final Queue<String> handled = new ConcurrentLinkedQueue<>();
  private Webhooks hooks;
  private WebhookServer server;

  @BeforeEach
  void start() {
    hooks = Webhooks.builder().secret(SECRET).maxPayloadBytes(64 * 1024).build();
    hooks.onAny(event -> handled.add(event.deliveryId()));
    server =
        WebhookServer.builder(hooks).host("127.0.0.1").port(0).path("/api/github/webhooks").start();
  }

  @AfterEach
  void stop() {
    server.stop();
    hooks.close();
  }

  private HttpResponse<String> post(Map<String, String> headers, HttpRequest.BodyPublisher body)
      throws IOException, InterruptedException {
    return post(server.uri(), headers, body);
  }

  private static HttpResponse<String> post(
      URI uri, Map<String, String> headers, HttpRequest.BodyPublisher body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(body);
    headers.forEach(
        (name, value) -> {
          if (!name.equalsIgnoreCase("Content-Length")) {
            request.header(name, value);
          }
        });
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void start_portZero_listensOnAFreePortAtTheGivenPath() {
    assertThat(server.port()).isPositive();
    assertThat(server.uri())
        .isEqualTo(URI.create("http://127.0.0.1:" + server.port() + "/api/github/webhooks"));
  }

  @Test
  void post_signedDelivery_isAnswered202AndHandled() throws Exception {
    byte[] body = issueOpened(1);

    HttpResponse<String> response =
        post(
            Deliveries.headers("issues", "d-1", body),
            HttpRequest.BodyPublishers.ofByteArray(body));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.body()).contains("accepted delivery d-1");
    await().until(() -> handled.contains("d-1"));
  }

  @Test
  void post_chunkedBodyWithoutContentLength_isReadAndHandled() throws Exception {
    byte[] body = issueOpened(1);

    HttpResponse<String> response =
        post(
            Deliveries.headers("issues", "d-1", body),
            HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

    assertThat(response.statusCode()).isEqualTo(202);
    await().until(() -> handled.contains("d-1"));
  }

  @Test
  void post_unsignedDelivery_isAnswered401() throws Exception {
    byte[] body = issueOpened(1);
    Map<String, String> headers = Deliveries.headers("issues", "d-1", body);
    headers.remove("X-Hub-Signature-256");

    HttpResponse<String> response = post(headers, HttpRequest.BodyPublishers.ofByteArray(body));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("X-Hub-Signature-256");
  }

  @Test
  void post_overTheLimit_isAnswered413WithOrWithoutContentLength() throws Exception {
    // Four times the limit: far more than the JDK server drains by itself (64 KiB) before closing.
    byte[] body = new byte[4 * 64 * 1024];
    Map<String, String> headers = Deliveries.headers("ping", "d-1", body);

    assertThat(post(headers, HttpRequest.BodyPublishers.ofByteArray(body)).statusCode())
        .isEqualTo(413);
    assertThat(
            post(
                    headers,
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .statusCode())
        .isEqualTo(413);
  }

  @Test
  void post_lowerCaseHeaderNames_areFound() throws Exception {
    byte[] body = issueOpened(1);
    Map<String, String> lower = new java.util.HashMap<>();
    Deliveries.headers("issues", "d-1", body)
        .forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));

    assertThat(post(lower, HttpRequest.BodyPublishers.ofByteArray(body)).statusCode())
        .isEqualTo(202);
    await().until(() -> handled.contains("d-1"));
  }

  @Test
  void post_hugeDeliveryIdOrNonObjectBody_isRefusedAndTheServerServesTheNext() throws Exception {
    byte[] body = issueOpened(1);
    byte[] array = Deliveries.utf8("[1,2,3]");

    assertThat(
            post(
                    Deliveries.headers("issues", "d".repeat(32 * 1024), body),
                    HttpRequest.BodyPublishers.ofByteArray(body))
                .statusCode())
        .isEqualTo(400);
    assertThat(
            post(
                    Deliveries.headers("issues", "d-2", array),
                    HttpRequest.BodyPublishers.ofByteArray(array))
                .statusCode())
        .isEqualTo(400);
    assertThat(
            post(
                    Deliveries.headers("issues", "d-3", body),
                    HttpRequest.BodyPublishers.ofByteArray(body))
                .statusCode())
        .isEqualTo(202);
    await().until(() -> handled.contains("d-3"));
    assertThat(handled).containsExactly("d-3");
  }

  @Test
  void post_malformedJson_isAnswered400() throws Exception {
    byte[] body = Deliveries.utf8("{\"action\":");

    HttpResponse<String> response =
        post(
            Deliveries.headers("issues", "d-1", body),
            HttpRequest.BodyPublishers.ofByteArray(body));

    assertThat(response.statusCode()).isEqualTo(400);
  }

  @Test
  void get_isAnswered405AndOtherPaths404() throws Exception {
    HttpResponse<String> get =
        http.send(
            HttpRequest.newBuilder(server.uri()).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    byte[] body = issueOpened(1);
    HttpResponse<String> elsewhere =
        post(
            server.uri().resolve("/api/github/webhooks/other"),
            Deliveries.headers("issues", "d-1", body),
            HttpRequest.BodyPublishers.ofByteArray(body));

    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).contains("POST");
    assertThat(elsewhere.statusCode()).isEqualTo(404);
    assertThat(handled).isEmpty();
  }

  @Test
  void post_manyDeliveriesAtOnce_areAllHandledOnce() {
    List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      byte[] body = issueOpened(i);
      HttpRequest.Builder request =
          HttpRequest.newBuilder(server.uri()).POST(HttpRequest.BodyPublishers.ofByteArray(body));
      Deliveries.headers("issues", "d-" + i, body).forEach(request::header);
      responses.add(http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    assertThat(responses).allSatisfy(r -> assertThat(r.join().statusCode()).isEqualTo(202));
    await().until(() -> handled.size() == 50);
    assertThat(handled).doesNotHaveDuplicates();
  }

  @Test
  void stop_isIdempotentAndFreesThePort() throws Exception {
    URI uri = server.uri();
    server.stop();
    server.close();

    byte[] body = issueOpened(1);
    assertThatThrownBy(
            () ->
                post(
                    uri,
                    Deliveries.headers("issues", "d-1", body),
                    HttpRequest.BodyPublishers.ofByteArray(body)))
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void start_portInUse_failsNamingTheFix() {
    assertThatThrownBy(
            () -> WebhookServer.builder(hooks).host("127.0.0.1").port(server.port()).start())
        .hasMessageContaining("cannot listen on 127.0.0.1:" + server.port())
        .hasMessageContaining("0 for any free one");
  }
}
