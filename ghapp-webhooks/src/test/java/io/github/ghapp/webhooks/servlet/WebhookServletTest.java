package io.github.ghapp.webhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.ghapp.webhooks.WebhookEvent;
import io.github.ghapp.webhooks.WebhookListener;
import io.github.ghapp.webhooks.WebhookResult;
import io.github.ghapp.webhooks.WebhookSignature;
import io.github.ghapp.webhooks.Webhooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The servlet inside a real Jetty on 127.0.0.1, receiving real HTTP requests. */
class WebhookServletTest {
  private static final String SECRET = "servlet secret";
  private static final HttpClient http = HttpClient.newHttpClient();

  private final Queue<String> handled = new ConcurrentLinkedQueue<>();
  private final BlockingQueue<String> heard = new LinkedBlockingQueue<>();
  private Webhooks hooks;
  private Server jetty;
  private URI uri;

  @BeforeEach
  void start() throws Exception {
    hooks =
        Webhooks.builder()
            .secret(SECRET)
            .maxPayloadBytes(1024)
            .listener(
                new WebhookListener() {
                  @Override
                  public void refused(Refusal reason, WebhookResult result) {
                    heard.add("refused " + reason);
                  }

                  @Override
                  public void handled(WebhookEvent event, Duration took) {
                    heard.add("handled " + event.deliveryId());
                  }
                })
            .build();
    hooks.on("issues.opened", event -> handled.add(event.deliveryId()));
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new WebhookServlet(hooks)), "/hooks");
    jetty.setHandler(context);
    jetty.start();
    uri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/hooks");
  }

  @AfterEach
  void stop() throws Exception {
    jetty.stop();
    hooks.close();
  }

  private HttpResponse<String> post(byte[] body, String signature) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .header("Content-Type", "application/json")
            .header("X-GitHub-Event", "issues")
            .header("X-GitHub-Delivery", "d-1");
    if (signature != null) {
      request.header("X-Hub-Signature-256", signature);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void doPost_signedDelivery_isAnswered202AndHandled() throws Exception {
    byte[] body = "{\"action\":\"opened\"}".getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response = post(body, WebhookSignature.sign(SECRET, body));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    await().until(() -> handled.contains("d-1"));
  }

  @Test
  void doPost_badSignature_isAnswered401() throws Exception {
    byte[] body = "{\"action\":\"opened\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(post(body, WebhookSignature.sign("other", body)).statusCode()).isEqualTo(401);
    assertThat(post(body, null).statusCode()).isEqualTo(401);
    assertThat(handled).isEmpty();
  }

  @Test
  void doPost_overTheLimit_isAnswered413() throws Exception {
    byte[] body = new byte[256 * 1024];

    assertThat(post(body, WebhookSignature.sign(SECRET, body)).statusCode()).isEqualTo(413);
  }

  @Test
  void doPost_theListenerHearsOfWhatBecameOfEachDelivery() throws Exception {
    byte[] body = "{\"action\":\"opened\"}".getBytes(StandardCharsets.UTF_8);

    post(body, WebhookSignature.sign(SECRET, body));
    post(body, null);
    post(new byte[2048], WebhookSignature.sign(SECRET, new byte[2048]));

    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      lines.add(heard.poll(10, TimeUnit.SECONDS));
    }
    assertThat(lines)
        .containsExactlyInAnyOrder("handled d-1", "refused BAD_SIGNATURE", "refused TOO_LARGE");
  }

  @Test
  void doGet_isAnswered405() throws Exception {
    HttpResponse<String> response =
        http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(405);
  }
}
