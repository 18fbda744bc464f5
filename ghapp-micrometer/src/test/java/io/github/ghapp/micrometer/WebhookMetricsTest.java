package io.github.ghapp.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.GitHubAppListener;
import io.github.ghapp.auth.GitHubClient;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import io.github.ghapp.emulator.WebhookDelivery;
import io.github.ghapp.webhooks.WebhookServer;
import io.github.ghapp.webhooks.Webhooks;
import io.github.ghapp.webhooks.WebhooksBuilder;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The webhook meters after real deliveries: the emulator sends signed webhooks for issues opened
 * through its API to a real {@link WebhookServer}, and forged ones arrive over real HTTP too.
 */
class WebhookMetricsTest {
  private static final String SECRET = "metrics secret";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final WebhookMetrics metrics = new WebhookMetrics();
  private GitHubEmulator emu;
  private GitHubApp app;
  private Webhooks hooks;
  private WebhookServer server;

  @BeforeEach
  void bind() {
    emu = github.emulator();
    metrics.bindTo(registry);
    app = GitHubAppMetricsTest.app(emu, GitHubAppListener.NONE).build();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
    if (hooks != null) {
      hooks.close();
    }
    emu.app(1001).setWebhook(null, null);
  }

  private Webhooks receive(UnaryOperator<WebhooksBuilder> settings) {
    hooks = settings.apply(Webhooks.builder(app).secret(SECRET).listener(metrics)).build();
    server = WebhookServer.builder(hooks).host("127.0.0.1").port(0).start();
    emu.app(1001).setWebhook(server.uri().toString(), SECRET);
    return hooks;
  }

  private void openIssue(String title) {
    GitHubClient octoOrg = app.installationClient(42);
    octoOrg.request(
        "POST /repos/{owner}/{repo}/issues",
        Map.of("owner", "octo-org", "repo", "hello-world", "title", title));
  }

  private RequiredSearch deliveries(String outcome) {
    return registry.get("ghapp.webhook.deliveries").tag("outcome", outcome);
  }

  @Test
  void signedDelivery_handled_isCountedAndTimedByEventAndAction() {
    receive(b -> b).on("issues.opened", e -> {});

    openIssue("metrics, handled");

    await()
        .untilAsserted(
            () ->
                assertThat(
                        deliveries("handled")
                            .tags("event", "issues", "action", "opened", "reason", "none")
                            .counter()
                            .count())
                    .isEqualTo(1));
    assertThat(
            registry
                .get("ghapp.webhook.handling")
                .tags("event", "issues", "action", "opened", "outcome", "handled")
                .tag("exception", "none")
                .timer()
                .count())
        .isEqualTo(1);
  }

  @Test
  void signedDelivery_handlerThrows_isCountedFailedWithItsException() {
    receive(b -> b)
        .on(
            "issues.opened",
            e -> {
              throw new IllegalStateException("the handler broke");
            })
        .onError((event, error) -> {});

    openIssue("metrics, failed");

    await()
        .untilAsserted(
            () ->
                assertThat(
                        registry
                            .get("ghapp.webhook.handling")
                            .tags("outcome", "failed", "exception", "IllegalStateException")
                            .timer()
                            .count())
                    .isEqualTo(1));
    assertThat(deliveries("failed").tags("event", "issues", "action", "opened").counter().count())
        .isEqualTo(1);
  }

  @Test
  void redelivery_ofAHandledDelivery_isCountedDuplicate() {
    receive(b -> b).on("issues.opened", e -> {});
    openIssue("metrics, redelivered");
    await().until(() -> issueDelivery() != null && issueDelivery().succeeded());

    emu.redeliver(issueDelivery().id());

    await()
        .untilAsserted(
            () ->
                assertThat(deliveries("duplicate").tag("event", "issues").counter().count())
                    .isEqualTo(1));
  }

  @Test
  void forgedDelivery_isCountedRefusedForItsSignature_andMakesNoTagOfItsEvent() throws Exception {
    receive(b -> b);

    int status = post("forged_event", "not the secret", "{\"action\":\"forged\"}");

    assertThat(status).isEqualTo(401);
    assertThat(
            deliveries("refused")
                .tags("event", "none", "action", "none", "reason", "bad_signature")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(registry.getMeters())
        .extracting(Meter::getId)
        .noneMatch(id -> "forged_event".equals(id.getTag("event")));
  }

  @Test
  void queueDepthGauge_whileTheOnlyWorkerIsBusy_countsTheWaitingDeliveries() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    receive(b -> b.workers(1, 10))
        .on(
            "ping",
            e -> {
              started.countDown();
              assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
            });

    post("ping", SECRET, "{\"zen\":\"one\"}");
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    post("ping", SECRET, "{\"zen\":\"two\"}");
    post("ping", SECRET, "{\"zen\":\"three\"}");

    assertThat(registry.get("ghapp.webhook.queue.depth").gauge().value()).isEqualTo(2);
    release.countDown();
    await()
        .untilAsserted(
            () ->
                assertThat(deliveries("handled").tag("event", "ping").counter().count())
                    .isEqualTo(3));
    assertThat(registry.get("ghapp.webhook.queue.depth").gauge().value()).isZero();
    assertThat(deliveries("handled").tags("event", "ping", "action", "none").counter()).isNotNull();
  }

  @Test
  void deliveries_pastTheCapOfEventNames_areTaggedOther() throws Exception {
    receive(b -> b.executor(Runnable::run));

    for (int i = 0; i < WebhookMetrics.MAX_EVENTS + 5; i++) {
      hooks.handle(signedHeaders("event_" + i, "{}"), "{}".getBytes(StandardCharsets.UTF_8));
    }
    hooks.handle(signedHeaders("Not-A-Name", "{}"), "{}".getBytes(StandardCharsets.UTF_8));

    assertThat(registry.find("ghapp.webhook.deliveries").counters())
        .hasSize(WebhookMetrics.MAX_EVENTS + 1);
    assertThat(deliveries("handled").tag("event", "other").counter().count()).isEqualTo(6);
    assertThat(deliveries("handled").tag("event", "event_0").counter().count()).isEqualTo(1);
  }

  private WebhookDelivery issueDelivery() {
    return emu.deliveries().stream()
        .filter(d -> d.event().equals("issues") && d.url().equals(server.uri().toString()))
        .reduce((first, last) -> last)
        .orElse(null);
  }

  private int post(String event, String secret, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.uri().toString()))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    signedHeaders(event, body, secret).forEach(request::header);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static Map<String, String> signedHeaders(String event, String body) throws Exception {
    return signedHeaders(event, body, SECRET);
  }

  private static int deliveryCount;

  private static Map<String, String> signedHeaders(String event, String body, String secret)
      throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String signature =
        "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    return Map.of(
        "X-GitHub-Event",
        event,
        "X-GitHub-Delivery",
        "d-" + ++deliveryCount,
        "X-Hub-Signature-256",
        signature,
        "Content-Type",
        "application/json");
  }
}
