package io.github.ghapp.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.GitHubClient;
import io.github.ghapp.emulator.GitHubEmulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * The whole loop: an issue opened on the emulator is delivered as a signed webhook to a real
 * {@link WebhookServer}, whose handler comments back through the emulator with the event's client.
 */
class EndToEndTest {
  private static final String SECRET = "end-to-end secret";
  private static final String PATH = "/api/github/webhooks";

  @Test
  void issueOpenedOnGitHub_isDeliveredAndTheHandlerCommentsBackAsTheInstallation() throws IOException {
    // The app's webhook URL is part of the emulator's state, and the app (so the receiver) needs the
    // emulator's URL: so the receiver's port is chosen first, then bound once the emulator runs.
    int port = freeLoopbackPort();
    try (GitHubEmulator github = GitHubEmulator.builder().stateYaml(state("http://127.0.0.1:" + port + PATH))
        .build().start()) {
      GitHubApp app = GitHubApp.builder().appId(1001).privateKey(github.app(1001).privateKeyPem())
          .baseUrl(github.baseUrl()).build();
      Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
      try (Webhooks hooks = Webhooks.builder(app).secret(SECRET).build();
          WebhookServer server = WebhookServer.builder(hooks).host("127.0.0.1").port(port).path(PATH).start()) {
        hooks.onError((event, error) -> errors.add(error));
        hooks.on("issues.opened", event -> {
          var repo = event.repository().orElseThrow();
          event.client().request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
              Map.of("owner", repo.owner(), "repo", repo.name(),
                  "issue_number", event.payload().path("issue").path("number").asInt(),
                  "body", "Thanks for " + event.payload().path("issue").path("title").asText() + "!"));
        });
        GitHubClient octoOrg = app.installationClient(42);

        JsonNode issue = octoOrg.request("POST /repos/{owner}/{repo}/issues",
            Map.of("owner", "octo-org", "repo", "hello-world", "title", "the README is wrong"));

        await().untilAsserted(() -> {
          assertThat(errors).isEmpty();
          List<JsonNode> comments = octoOrg.paginate("GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
              Map.of("owner", "octo-org", "repo", "hello-world", "issue_number", issue.path("number").asInt()));
          assertThat(comments).extracting(c -> c.path("body").asText())
              .containsExactly("Thanks for the README is wrong!");
        });
        assertThat(github.deliveries()).filteredOn(d -> d.event().equals("issues"))
            .singleElement().satisfies(d -> {
              assertThat(d.action()).isEqualTo("opened");
              assertThat(d.url()).isEqualTo(server.uri().toString());
              assertThat(d.statusCode()).isEqualTo(202);
              assertThat(d.installationId()).isEqualTo(42L);
            });
        assertThat(github.deliveries()).allSatisfy(d -> assertThat(d.succeeded()).as(d.toString()).isTrue());
      }
    }
  }

  /** The demo state, with the app's webhook pointed at the receiver. */
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
        """.formatted(webhookUrl, SECRET);
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
