package io.github.ghapp.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.GitHubClient;
import io.github.ghapp.auth.Installation;
import io.github.ghapp.emulator.GitHubEmulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole loop: events on the emulator are delivered as signed webhooks to a real {@link
 * WebhookServer}, whose handlers call back through the emulator with the event's client.
 */
class EndToEndTest {
  private static final String SECRET = "end-to-end secret";
  private static final String PATH = "/api/github/webhooks";

  private final Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
  private GitHubEmulator github;
  private GitHubApp app;
  private Webhooks hooks;
  private WebhookServer server;

  @BeforeEach
  void start() throws IOException {
    // The app's webhook URL is part of the emulator's state, and the app (so the receiver) needs
    // the emulator's URL: so the receiver's port is chosen first, then bound once the emulator
    // runs.
    int port = freeLoopbackPort();
    github =
        GitHubEmulator.builder()
            .stateYaml(state("http://127.0.0.1:" + port + PATH))
            .build()
            .start();
    app =
        GitHubApp.builder()
            .appId(1001)
            .privateKey(github.app(1001).privateKeyPem())
            .baseUrl(github.baseUrl())
            .build();
    hooks = Webhooks.builder(app).secret(SECRET).build();
    hooks.onError((event, error) -> errors.add(error));
    server = WebhookServer.builder(hooks).host("127.0.0.1").port(port).path(PATH).start();
  }

  @AfterEach
  void stop() {
    server.stop();
    hooks.close();
    github.close();
  }

  @Test
  void issueOpenedOnGitHub_isDeliveredAndTheHandlerCommentsBackAsTheInstallation() {
    hooks.on(
        "issues.opened",
        event -> {
          var repo = event.repository().orElseThrow();
          event
              .client()
              .request(
                  "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
                  Map.of(
                      "owner",
                      repo.owner(),
                      "repo",
                      repo.name(),
                      "issue_number",
                      event.payload().path("issue").path("number").asInt(),
                      "body",
                      "Thanks for " + event.payload().path("issue").path("title").asText() + "!"));
        });
    GitHubClient octoOrg = app.installationClient(42);

    JsonNode issue =
        octoOrg.request(
            "POST /repos/{owner}/{repo}/issues",
            Map.of("owner", "octo-org", "repo", "hello-world", "title", "the README is wrong"));

    await()
        .untilAsserted(
            () -> {
              assertThat(errors).isEmpty();
              List<JsonNode> comments =
                  octoOrg.paginate(
                      "GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
                      Map.of(
                          "owner",
                          "octo-org",
                          "repo",
                          "hello-world",
                          "issue_number",
                          issue.path("number").asInt()));
              assertThat(comments)
                  .extracting(c -> c.path("body").asText())
                  .containsExactly("Thanks for the README is wrong!");
            });
    assertThat(github.deliveries())
        .filteredOn(d -> d.event().equals("issues"))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.action()).isEqualTo("opened");
              assertThat(d.url()).isEqualTo(server.uri().toString());
              assertThat(d.statusCode()).isEqualTo(202);
              assertThat(d.installationId()).isEqualTo(42L);
            });
  }

  @Test
  void installationSuspendedOnGitHub_isSeenByTheDirectoryWithoutAskingAgain() {
    assertThat(hooks.installations()).extracting(Installation::isSuspended).containsExactly(false);

    github.suspend(42);

    await()
        .untilAsserted(
            () ->
                assertThat(hooks.installations())
                    .singleElement()
                    .satisfies(inst -> assertThat(inst.isSuspended()).isTrue()));
    assertThat(github.deliveries())
        .filteredOn(d -> d.event().equals("installation"))
        .singleElement()
        .satisfies(d -> assertThat(d.action()).isEqualTo("suspend"));
    assertThat(github.requests()).filteredOn(r -> r.path().equals("/app/installations")).hasSize(1);
    assertThat(errors).isEmpty();
  }

  /** The demo state's octo-org part, with the app's webhook pointed at the receiver. */
  private static String state(String webhookUrl) {
    return """
        apps:
          - id: 1001
            client_id: Iv23liDemo
            slug: octo-app
            private_key_file: octo-app.pem
            permissions: {contents: write, issues: write, metadata: read}
            events: [issues]
            webhook: {url: "%s", secret: "%s"}
        accounts:
          - {login: octo-org, type: Organization, repositories: [hello-world, docs, secret-plans]}
        installations:
          - {id: 42, app: 1001, account: octo-org, repository_selection: selected, repositories: [hello-world, docs], permissions: {contents: read, issues: write, metadata: read}}
        """
        .formatted(webhookUrl, SECRET);
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
