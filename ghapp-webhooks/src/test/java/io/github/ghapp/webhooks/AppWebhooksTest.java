package io.github.ghapp.webhooks;

import static io.github.ghapp.webhooks.Deliveries.SECRET;
import static io.github.ghapp.webhooks.Deliveries.headers;
import static io.github.ghapp.webhooks.Deliveries.issueOpened;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.emulator.CredentialKind;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import io.github.ghapp.emulator.RecordedRequest;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Events calling GitHub back as their installation, against the emulator's demo state (installation
 * 42).
 */
class AppWebhooksTest {
  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  private final Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
  private GitHubApp app;
  private Webhooks hooks;

  @BeforeEach
  void newApp() {
    // A new app per test: its token cache starts empty, so mints are counted from zero.
    app =
        GitHubApp.builder()
            .appId(1001)
            .privateKey(github.app(1001).privateKeyPem())
            .baseUrl(github.baseUrl())
            .build();
    github.emulator().clearRequests();
  }

  @AfterEach
  void closeHooks() {
    if (hooks != null) {
      hooks.close();
    }
  }

  private Webhooks hooks(int threads, int queue) {
    hooks = Webhooks.builder(app).secret(SECRET).workers(threads, queue).build();
    hooks.onError((event, error) -> errors.add(error));
    return hooks;
  }

  @Test
  void client_eventOfInstallation42_callsGitHubAsThatInstallation() {
    Queue<JsonNode> answers = new ConcurrentLinkedQueue<>();
    hooks(1, 10)
        .on(
            "issues.opened",
            event -> {
              var repo = event.repository().orElseThrow();
              answers.add(
                  event
                      .client()
                      .request(
                          "GET /repos/{owner}/{repo}",
                          Map.of("owner", repo.owner(), "repo", repo.name())));
            });
    byte[] body = issueOpened(1);

    assertThat(hooks.handle(headers("issues", "d-1", body), body).status()).isEqualTo(202);

    await().until(() -> !answers.isEmpty() || !errors.isEmpty());
    assertThat(errors).isEmpty();
    assertThat(answers.remove().path("full_name").asText()).isEqualTo("octo-org/hello-world");
    await()
        .untilAsserted(
            () ->
                assertThat(github.emulator().requests())
                    .filteredOn(r -> r.path().equals("/repos/octo-org/hello-world"))
                    .singleElement()
                    .satisfies(
                        r -> {
                          assertThat(r.credential()).isEqualTo(CredentialKind.INSTALLATION_TOKEN);
                          assertThat(r.installationId()).isEqualTo(42L);
                          assertThat(r.status()).isEqualTo(200);
                        }));
  }

  @Test
  void client_burstOf1000EventsOfOneInstallation_mintsOneToken() {
    AtomicInteger done = new AtomicInteger();
    hooks(8, 1000)
        .on(
            "issues.opened",
            event -> {
              var repo = event.repository().orElseThrow();
              event
                  .client()
                  .request(
                      "GET /repos/{owner}/{repo}",
                      Map.of("owner", repo.owner(), "repo", repo.name()));
              done.incrementAndGet();
            });
    byte[] body = issueOpened(1);

    for (int i = 0; i < 1000; i++) {
      assertThat(hooks.handle(headers("issues", "burst-" + i, body), body).status()).isEqualTo(202);
    }

    await().until(() -> done.get() + errors.size() == 1000);
    assertThat(errors).isEmpty();
    // The emulator logs each request just after answering it: wait for the log to catch up.
    await()
        .untilAsserted(
            () ->
                assertThat(github.emulator().requests())
                    .filteredOn(r -> r.path().equals("/repos/octo-org/hello-world"))
                    .hasSize(1000)
                    .allSatisfy(r -> assertThat(r.installationId()).isEqualTo(42L)));
    assertThat(github.emulator().requests().stream().filter(RecordedRequest::isMint).count())
        .isEqualTo(1);
  }

  @Test
  void client_eventWithoutInstallation_failsSayingWhy() {
    hooks(1, 10).on("ping", event -> event.client());
    byte[] body = Deliveries.utf8("{\"zen\":\"Design for failure.\"}");

    hooks.handle(headers("ping", "d-1", body), body);

    await().until(() -> !errors.isEmpty());
    assertThat(errors.remove())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("names no installation");
  }

  /**
   * Found by WebhooksFuzzTest: an installation id of 0 or less reached GitHubApp and failed with
   * its IllegalArgumentException, which client() does not document.
   */
  @Test
  void client_eventWithANonPositiveInstallationId_failsAsNamingNoInstallation() {
    hooks(1, 10).on("ping", event -> event.client());
    byte[] body = Deliveries.utf8("{\"zen\":\"z\",\"installation\":{\"id\":-5}}");

    hooks.handle(headers("ping", "d-1", body), body);

    await().until(() -> !errors.isEmpty());
    assertThat(errors.remove())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("names no installation");
  }

  @Test
  void client_receiverWithoutApp_failsSayingHowToFix() {
    hooks = Webhooks.builder().secret(SECRET).executor(Runnable::run).build();
    hooks.onError((event, error) -> errors.add(error));
    hooks.on("issues", WebhookEvent::client);
    byte[] body = issueOpened(1);

    hooks.handle(headers("issues", "d-1", body), body);

    assertThat(errors)
        .singleElement()
        .satisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Webhooks.builder(app)"));
    assertThatThrownBy(hooks::installations).hasMessageContaining("Webhooks.builder(app)");
  }
}
