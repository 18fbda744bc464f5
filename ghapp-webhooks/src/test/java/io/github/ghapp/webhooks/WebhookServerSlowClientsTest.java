package io.github.ghapp.webhooks;

import static io.github.ghapp.webhooks.Deliveries.SECRET;
import static io.github.ghapp.webhooks.Deliveries.issueOpened;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Regression (security review #1): four idle connections froze {@link WebhookServer} for as long as
 * they stayed open. Slow and idle clients over real sockets; a genuine delivery must still be
 * answered.
 */
class WebhookServerSlowClientsTest {
  private static final HttpClient http = HttpClient.newHttpClient();
  // a guard so that a frozen server fails the test instead of hanging it; no assertion on speed
  private static final int GUARD_MILLIS = 60_000;

  private final List<Socket> sockets = new ArrayList<>();
  private final ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();
  private Webhooks hooks;
  private WebhookServer server;

  @BeforeEach
  void hooks() {
    hooks = Webhooks.builder().secret(SECRET).build();
    hooks.onAny(event -> {});
  }

  @AfterEach
  void stop() throws IOException {
    trickler.shutdownNow();
    for (Socket s : sockets) {
      s.close();
    }
    if (server != null) {
      server.stop();
    }
    hooks.close();
  }

  private WebhookServer.Builder builder() {
    return WebhookServer.builder(hooks).host("127.0.0.1").port(0);
  }

  private Socket open(String sent) throws IOException {
    Socket s = new Socket("127.0.0.1", server.port());
    s.setSoTimeout(GUARD_MILLIS);
    sockets.add(s);
    s.getOutputStream().write(sent.getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
    return s;
  }

  private String requestHead(int contentLength) {
    return "POST "
        + server.uri().getPath()
        + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
        + contentLength
        + "\r\n\r\n";
  }

  private int deliver(String id) throws Exception {
    byte[] body = issueOpened(1);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri())
            .timeout(Duration.ofMillis(GUARD_MILLIS))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    Map<String, String> headers = Deliveries.headers("issues", id, body);
    headers.forEach(
        (name, value) -> {
          if (!name.equalsIgnoreCase("Content-Length")) {
            request.header(name, value);
          }
        });
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  /**
   * Reads the connection to its end, as a string; the guard turns a connection left open into a
   * failure.
   */
  private static String readToEnd(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  @Test
  void post_whileFiftyIdleAndFiftyTricklingConnectionsAreOpen_signedDeliveryIsAnswered202()
      throws Exception {
    server = builder().start();
    for (int i = 0; i < 50; i++) {
      open("POST " + server.uri().getPath() + " HTTP/1.1\r\nHost: x\r\n");
      open(requestHead(10_000) + "{");
    }

    assertThat(deliver("d-slow-1")).isEqualTo(202);
    assertThat(deliver("d-slow-2")).isEqualTo(202);
  }

  @Test
  void halfARequestLine_isClosedAfterTheHeaderDeadline() throws Exception {
    // the idle timeout is long: only the total header deadline can close it
    server =
        builder().headerTimeout(Duration.ofMillis(300)).idleTimeout(Duration.ofMinutes(5)).start();
    Socket half = open("POST /api/git");

    assertThat(readToEnd(half)).doesNotContain("202");
    assertThat(deliver("d-after-half")).isEqualTo(202);
  }

  @Test
  void bodySlowerThanTheMinimumRate_isCutOff() throws Exception {
    server = builder().minBodyBytesPerSecond(64 * 1024).idleTimeout(Duration.ofMinutes(5)).start();
    Socket slow = open(requestHead(100_000));
    OutputStream out = slow.getOutputStream();
    // one byte every 50 ms, far below the minimum rate but never idle
    trickler.scheduleAtFixedRate(
        () -> {
          try {
            out.write('x');
            out.flush();
          } catch (IOException cutOff) {
            throw new IllegalStateException(cutOff);
          }
        },
        0,
        50,
        TimeUnit.MILLISECONDS);

    String answer = readToEnd(slow);

    assertThat(answer).doesNotStartWith("HTTP/1.1 202");
    assertThat(deliver("d-after-slow")).isEqualTo(202);
  }

  @Test
  void connectionsOverTheCap_waitWhileIdleOnesAreClosed_andDeliveriesAreAnswered()
      throws Exception {
    server =
        builder()
            .maxConnections(10)
            .headerTimeout(Duration.ofMillis(300))
            .idleTimeoutWhenFull(Duration.ofMillis(200))
            .start();
    for (int i = 0; i < 50; i++) {
      open("");
    }

    assertThat(deliver("d-over-cap")).isEqualTo(202);
  }
}
