package io.github.ghapp.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The listener with deliveries POSTed over real HTTP to a {@link WebhookServer} on 127.0.0.1. */
class WebhookServerListenerTest extends WebhookListenerContract {
  private static final HttpClient http = HttpClient.newHttpClient();

  private WebhookServer server;

  @Override
  void started(Webhooks hooks) {
    server = WebhookServer.builder(hooks).host("127.0.0.1").port(0).start();
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.stop();
    }
  }

  @Override
  WebhookResult deliver(Map<String, String> headers, byte[] body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri()).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new WebhookResult(response.statusCode(), response.body().strip());
  }

  @Test
  void requestsThatAreNoDeliveries_areNotHeardOf() throws Exception {
    build(b -> b.executor(Runnable::run));

    HttpResponse<String> get =
        http.send(
            HttpRequest.newBuilder(server.uri()).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> elsewhere =
        http.send(
            HttpRequest.newBuilder(server.uri().resolve("/elsewhere"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(elsewhere.statusCode()).isEqualTo(404);
    assertThat(listener.rest()).isEmpty();
  }
}
