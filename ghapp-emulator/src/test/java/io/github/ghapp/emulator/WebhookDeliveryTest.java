package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.ghapp.emulator.internal.webhooks.WebhookSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Webhook delivery to a real receiver: GitHub's headers, payloads and signatures (checked here with
 * an HMAC of the test's own against the app's secret), who hears of what, the delivery log and
 * redelivery.
 */
class WebhookDeliveryTest {

  /** GitHub's published test vector secret, used as the app's webhook secret. */
  private static final String SECRET = "It's a Secret to Everybody";

  private static WebhookReceiver receiver;
  private static GitHubEmulator emu;
  private static String deadUrl;
  private static List<WebhookDelivery> deliveriesAtStart;

  @BeforeAll
  static void startAReceiverAndAnEmulatorWhoseAppsPostToIt() {
    receiver = WebhookReceiver.start();
    deadUrl = "http://127.0.0.1:" + closedPort() + "/webhooks";
    emu =
        GitHubEmulator.builder()
            .stateYaml(
                """
                apps:
                  - id: 1001
                    slug: hook-app
                    private_key_file: hook-app.pem
                    permissions: {issues: write, metadata: read}
                    events: [issues, issue_comment]
                    webhook: {url: "%s", secret: "%s"}
                  - id: 1002
                    slug: dead-hook
                    private_key_file: dead-hook.pem
                    permissions: {issues: read}
                    events: [issues]
                    webhook: {url: "%s"}
                  - id: 1003
                    slug: quiet-app
                    private_key_file: quiet-app.pem
                    permissions: {issues: read}
                    events: []
                    webhook: {url: "%s", secret: "quiet"}
                accounts:
                  - {login: octo-org, type: Organization, repositories: [hello-world, docs]}
                installations:
                  - {id: 42, app: 1001, account: octo-org, repository_selection: selected, repositories: [hello-world]}
                  - {id: 52, app: 1002, account: octo-org}
                  - {id: 62, app: 1003, account: octo-org}
                """
                    .formatted(
                        receiver.url("/hook-app"), SECRET, deadUrl, receiver.url("/quiet-app")))
            .build()
            .start();
    deliveriesAtStart = emu.deliveries();
  }

  @AfterAll
  static void stop() {
    emu.stop();
    receiver.close();
  }

  @Test
  void sha256Signature_ofGitHubsPublishedTestVector_isThePublishedValue() {
    byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    String published = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    assertThat(WebhookSignature.sha256(SECRET, body)).isEqualTo(published);
    assertThat(independentSha256(SECRET, body)).isEqualTo(published);
  }

  @Test
  void installationsOfTheStateFile_areNotDeliveredAtStart() {
    assertThat(deliveriesAtStart).isEmpty();
  }

  @Test
  void issueOpenedOverRest_isDeliveredSignedWithGitHubsHeaders() {
    int number = openIssue("Signed delivery");

    WebhookReceiver.Received hook =
        awaitReceived("/hook-app", "issues", p -> p.at("/issue/number").asInt() == number);

    assertThat(hook.header("X-Hub-Signature-256"))
        .isEqualTo(independentSha256(SECRET, hook.body()));
    assertThat(
            MessageDigest.isEqual(
                hook.header("X-Hub-Signature-256").getBytes(StandardCharsets.US_ASCII),
                independentSha256(SECRET, hook.body()).getBytes(StandardCharsets.US_ASCII)))
        .isTrue();
    assertThat(hook.header("X-Hub-Signature")).startsWith("sha1=").hasSize(45);
    assertThat(hook.header("X-GitHub-Delivery"))
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(hook.header("X-GitHub-Hook-ID")).matches("[0-9]+");
    assertThat(hook.header("X-GitHub-Hook-Installation-Target-ID")).isEqualTo("1001");
    assertThat(hook.header("X-GitHub-Hook-Installation-Target-Type")).isEqualTo("integration");
    assertThat(hook.header("User-Agent")).matches("GitHub-Hookshot/[0-9a-f]{7}");
    assertThat(hook.header("Content-Type")).isEqualTo("application/json");
  }

  @Test
  void issueOpenedPayload_isShapedLikeGitHubs() {
    int number = openIssue("Payload shape");

    JsonNode payload =
        json(awaitReceived("/hook-app", "issues", p -> p.at("/issue/number").asInt() == number));

    assertThat(payload.get("action").asText()).isEqualTo("opened");
    assertThat(payload.at("/issue/title").asText()).isEqualTo("Payload shape");
    assertThat(payload.at("/issue/user/login").asText()).isEqualTo("hook-app[bot]");
    assertThat(payload.at("/repository/full_name").asText()).isEqualTo("octo-org/hello-world");
    assertThat(payload.at("/organization/login").asText()).isEqualTo("octo-org");
    assertThat(payload.at("/sender/login").asText()).isEqualTo("hook-app[bot]");
    assertThat(payload.at("/sender/type").asText()).isEqualTo("Bot");
    assertThat(payload.at("/installation/id").asLong()).isEqualTo(42);
    assertThat(payload.at("/installation/node_id").asText()).isNotBlank();
  }

  @Test
  void issueOpened_reachesEverySubscribedAppInstalledThere_andNoOther() {
    int number = openIssue("Heard by all");

    WebhookDelivery dead = awaitDelivery(d -> d.url().equals(deadUrl) && mentionsIssue(d, number));

    assertThat(dead.installationId()).isEqualTo(52);
    assertThat(dead.statusCode()).isNull();
    assertThat(dead.error())
        .startsWith(
            "cannot connect to "
                + deadUrl.substring("http://".length(), deadUrl.indexOf("/webhooks"))
                + ": ")
        .containsIgnoringCase("connection refused");
    assertThat(dead.succeeded()).isFalse();
    assertThat(dead.requestHeaders()).doesNotContainKeys("X-Hub-Signature", "X-Hub-Signature-256");
    awaitReceived("/hook-app", "issues", p -> p.at("/issue/number").asInt() == number);
    // quiet-app subscribes to nothing: it is decided when the issue is opened, before anything is
    // sent.
    assertThat(emu.deliveries())
        .noneMatch(d -> d.url().endsWith("/quiet-app") && d.event().equals("issues"));
  }

  @Test
  void commentCreated_isDeliveredAsIssueComment() {
    int number = openIssue("Comment on me");
    Http.Reply comment =
        api()
            .token(Tokens.mint(emu, 42, "{}"))
            .post(
                "/repos/octo-org/hello-world/issues/" + number + "/comments",
                "{\"body\": \"Noted.\"}");
    assertThat(comment.status()).isEqualTo(201);

    JsonNode payload =
        json(
            awaitReceived(
                "/hook-app",
                "issue_comment",
                p -> p.at("/comment/id").asLong() == comment.json.get("id").asLong()));

    assertThat(payload.get("action").asText()).isEqualTo("created");
    assertThat(payload.at("/comment/body").asText()).isEqualTo("Noted.");
    assertThat(payload.at("/issue/number").asInt()).isEqualTo(number);
    assertThat(payload.at("/installation/id").asLong()).isEqualTo(42);
  }

  @Test
  void installationCreated_isDeliveredWithTheWholeInstallation_evenUnsubscribed() {
    emu.createAccount("fresh-org", "Organization");
    emu.createRepository("fresh-org", "tools", true);

    long id = emu.createInstallation(1003, "fresh-org");

    WebhookReceiver.Received hook =
        awaitReceived("/quiet-app", "installation", p -> p.at("/installation/id").asLong() == id);
    assertThat(hook.header("X-Hub-Signature-256"))
        .isEqualTo(independentSha256("quiet", hook.body()));
    assertThat(hook.header("X-GitHub-Hook-Installation-Target-ID")).isEqualTo("1003");
    JsonNode payload = json(hook);
    assertThat(payload.get("action").asText()).isEqualTo("created");
    assertThat(payload.at("/installation/app_id").asLong()).isEqualTo(1003);
    assertThat(payload.at("/installation/account/login").asText()).isEqualTo("fresh-org");
    assertThat(payload.at("/installation/permissions/issues").asText()).isEqualTo("read");
    assertThat(payload.get("repositories"))
        .extracting(r -> r.get("full_name").asText())
        .containsExactly("fresh-org/tools");
    assertThat(payload.at("/sender/login").asText()).isEqualTo("fresh-org");
  }

  @Test
  void suspendingAnInstallation_isDeliveredAsInstallationSuspend() {
    emu.createAccount("sleepy-org", "Organization");
    long id = emu.createInstallation(1003, "sleepy-org");

    emu.suspend(id);

    JsonNode payload =
        json(
            awaitReceived(
                "/quiet-app",
                "installation",
                p ->
                    p.at("/installation/id").asLong() == id
                        && p.get("action").asText().equals("suspend")));
    assertThat(payload.at("/installation/suspended_at").isNull()).isFalse();
  }

  @Test
  void deliveryLog_recordsTheExactRequest_andRedeliverySendsItAgainWithTheSameGuid() {
    int number = openIssue("Log me");
    WebhookReceiver.Received first =
        awaitReceived("/hook-app", "issues", p -> p.at("/issue/number").asInt() == number);
    String guid = first.header("X-GitHub-Delivery");
    WebhookDelivery logged = awaitDelivery(d -> d.guid().equals(guid));

    assertThat(logged.event()).isEqualTo("issues");
    assertThat(logged.action()).isEqualTo("opened");
    assertThat(logged.installationId()).isEqualTo(42);
    assertThat(logged.url()).isEqualTo(receiver.url("/hook-app"));
    assertThat(logged.statusCode()).isEqualTo(200);
    assertThat(logged.succeeded()).isTrue();
    assertThat(logged.redelivery()).isFalse();
    assertThat(logged.duration().isNegative()).isFalse();
    assertThat(logged.requestBody().getBytes(StandardCharsets.UTF_8)).isEqualTo(first.body());
    assertThat(logged.requestHeaders())
        .containsEntry("X-Hub-Signature-256", first.header("X-Hub-Signature-256"));

    emu.redeliver(logged.id());

    WebhookDelivery again = awaitDelivery(d -> d.guid().equals(guid) && d.redelivery());
    assertThat(again.id()).isNotEqualTo(logged.id());
    assertThat(again.statusCode()).isEqualTo(200);
    List<WebhookReceiver.Received> both =
        receiver.received().stream()
            .filter(r -> guid.equals(r.header("X-GitHub-Delivery")))
            .toList();
    assertThat(both).hasSize(2);
    assertThat(both.get(1).body()).isEqualTo(first.body());
    assertThat(both.get(1).header("X-Hub-Signature-256"))
        .isEqualTo(first.header("X-Hub-Signature-256"));
  }

  @Test
  void receiverAnswering500_isLoggedWithThatStatus() {
    receiver.answer(500);
    try {
      int number = openIssue("Server error");

      WebhookDelivery failed =
          awaitDelivery(d -> d.url().endsWith("/hook-app") && mentionsIssue(d, number));

      assertThat(failed.statusCode()).isEqualTo(500);
      assertThat(failed.succeeded()).isFalse();
    } finally {
      receiver.answer(200);
    }
  }

  @Test
  void refusedDelivery_ofTheDemoApp_isLoggedOnceAtOnce_withoutRetryOrWarning() {
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    logged.start();
    root.addAppender(logged);
    String closed = "127.0.0.1:" + closedPort();
    try (GitHubEmulator demo = GitHubEmulator.builder().demoState().build().start()) {
      // The demo app posts to 127.0.0.1:9000, which may be anything on a developer's machine; a
      // port known to be closed makes the refusal certain.
      demo.app(1001).setWebhook("http://" + closed + "/webhooks", "change-me");
      Http issues = Http.at(demo.baseUrl()).token(Tokens.mint(demo, 42, "{}"));

      assertThat(
              issues.post("/repos/octo-org/hello-world/issues", "{\"title\": \"first\"}").status())
          .isEqualTo(201);
      assertThat(
              issues.post("/repos/octo-org/hello-world/issues", "{\"title\": \"second\"}").status())
          .isEqualTo(201);
      List<WebhookDelivery> attempts = await().until(demo::deliveries, d -> d.size() >= 2);

      assertThat(attempts)
          .hasSize(2)
          .allSatisfy(
              attempt -> {
                assertThat(attempt.statusCode()).isNull();
                assertThat(attempt.error())
                    .startsWith("cannot connect to " + closed + ": ")
                    .containsIgnoringCase("connection refused");
                assertThat(attempt.redelivery()).isFalse();
              });
      assertThat(attempts)
          .extracting(WebhookDelivery::guid)
          .as("one attempt per event: no retry")
          .doesNotHaveDuplicates();
    } finally {
      root.detachAppender(logged);
    }
    assertThat(logged.list)
        .as("a refused delivery is logged at DEBUG only")
        .noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.WARN));
  }

  @Test
  void redeliver_unknownId_isRefusedNamingIt() {
    assertThatThrownBy(() -> emu.redeliver(987_654))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("987654");
  }

  @Test
  void adminApi_listsDeliveriesAndRedeliversOne() {
    int number = openIssue("Over the admin API");
    WebhookDelivery logged =
        awaitDelivery(d -> d.url().endsWith("/hook-app") && mentionsIssue(d, number));
    Http admin = Http.admin(emu);

    Http.Reply list = admin.get("/_emulator/deliveries");
    Http.Reply redelivered = admin.post("/_emulator/deliveries/" + logged.id() + "/attempts", "");

    assertThat(list.status()).isEqualTo(200);
    JsonNode entry = Optional.ofNullable(findById(list.json, logged.id())).orElseThrow();
    assertThat(entry.get("guid").asText()).isEqualTo(logged.guid());
    assertThat(entry.get("status_code").asInt()).isEqualTo(200);
    assertThat(entry.at("/request/headers/X-GitHub-Event").asText()).isEqualTo("issues");
    assertThat(entry.at("/request/body").asText()).isEqualTo(logged.requestBody());
    assertThat(redelivered.status()).isEqualTo(202);
    awaitDelivery(d -> d.guid().equals(logged.guid()) && d.redelivery());
  }

  // ---- helpers

  private static Http api() {
    return Http.at(emu.baseUrl());
  }

  private static int openIssue(String title) {
    Http.Reply reply =
        api()
            .token(Tokens.mint(emu, 42, "{}"))
            .post("/repos/octo-org/hello-world/issues", "{\"title\": \"" + title + "\"}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json.get("number").asInt();
  }

  private static WebhookReceiver.Received awaitReceived(
      String path, String event, Predicate<JsonNode> payload) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                receiver.received().stream()
                    .filter(r -> r.path().equals(path) && event.equals(r.header("X-GitHub-Event")))
                    .filter(r -> payload.test(json(r)))
                    .findFirst()
                    .orElse(null),
            Objects::nonNull);
  }

  private static WebhookDelivery awaitDelivery(Predicate<WebhookDelivery> wanted) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> emu.deliveries().stream().filter(wanted).findFirst().orElse(null),
            Objects::nonNull);
  }

  private static boolean mentionsIssue(WebhookDelivery delivery, int number) {
    JsonNode payload = parse(delivery.requestBody().getBytes(StandardCharsets.UTF_8));
    return delivery.event().equals("issues") && payload.at("/issue/number").asInt() == number;
  }

  private static JsonNode findById(JsonNode entries, long id) {
    for (JsonNode entry : entries) {
      if (entry.get("id").asLong() == id) {
        return entry;
      }
    }
    return null;
  }

  private static JsonNode json(WebhookReceiver.Received received) {
    return parse(received.body());
  }

  private static JsonNode parse(byte[] body) {
    try {
      return Http.JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The receiver's side of the signature, written here independently of the emulator's code. */
  private static String independentSha256(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A port on 127.0.0.1 that nothing listens on: bound once to find it, then released. */
  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
