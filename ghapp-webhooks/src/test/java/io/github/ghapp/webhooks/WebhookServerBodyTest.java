package io.github.ghapp.webhooks;

import static io.github.ghapp.webhooks.Deliveries.SECRET;
import static io.github.ghapp.webhooks.Deliveries.issueOpened;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Regression (security review #14): what a client that sends a bad body reads back, over a real
 * socket written byte for byte.
 */
class WebhookServerBodyTest {
  private static final int LIMIT = 64 * 1024;

  private Webhooks hooks;
  private WebhookServer server;

  @BeforeEach
  void start() {
    hooks = Webhooks.builder().secret(SECRET).maxPayloadBytes(LIMIT).build();
    hooks.onAny(event -> {});
    server =
        WebhookServer.builder(hooks).host("127.0.0.1").port(0).path("/api/github/webhooks").start();
  }

  @AfterEach
  void stop() {
    server.stop();
    hooks.close();
  }

  private Socket connect() throws IOException {
    Socket s = new Socket("127.0.0.1", server.port());
    // a guard against a server that never answers; no assertion on speed
    s.setSoTimeout(60_000);
    return s;
  }

  private static String head(Map<String, String> headers, long contentLength) {
    StringBuilder head = new StringBuilder("POST /api/github/webhooks HTTP/1.1\r\nHost: x\r\n");
    headers.forEach(
        (name, value) -> {
          if (!name.equalsIgnoreCase("Content-Length")) {
            head.append(name).append(": ").append(value).append("\r\n");
          }
        });
    return head.append("Content-Length: ").append(contentLength).append("\r\n\r\n").toString();
  }

  private static String answer(Socket s) throws IOException {
    return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void post_bodyShorterThanItsContentLengthThenHalfClose_isAnswered400() throws Exception {
    byte[] body = issueOpened(1);
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      out.write(
          head(Deliveries.headers("issues", "d-short", body), body.length + 100)
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      s.shutdownOutput();

      String answer = answer(s);

      assertThat(answer).startsWith("HTTP/1.1 400");
      assertThat(answer).contains("the delivery was cut short, redeliver it");
    }
  }

  @Test
  void post_oversizeBodySentWholeBeforeReading_reads413NotAReset() throws Exception {
    // 16 MiB: far more than the 1 MiB the JDK-based server read and dropped before closing
    byte[] body = new byte[256 * LIMIT];
    Arrays.fill(body, (byte) 'x');
    for (int round = 0; round < 3; round++) {
      try (Socket s = connect()) {
        OutputStream out = s.getOutputStream();
        out.write(
            head(Deliveries.headers("issues", "d-big-" + round, body), body.length)
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();

        String answer = answer(s);

        assertThat(answer).startsWith("HTTP/1.1 413");
      }
    }
  }
}
