package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GitHub's permission gate, read from its published table: every REST route the emulator serves to
 * an installation token checks the permission GitHub's table names, refuses with the header GitHub
 * sends, and keeps what each installation really used. Installation 42 reaches octo-org/hello-world
 * and docs with contents read, issues write and metadata read.
 */
class PermissionGateTest {

  @RegisterExtension
  static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo().freshPerTest();

  private static Http as(String token) {
    return Http.at(github.baseUrl()).token(token);
  }

  @Test
  void gate_aTokenWithoutTheWriteLevel_is403WithTheAcceptedPermissionsHeader() {
    String readOnly =
        Tokens.mint(github.emulator(), 42, "{\"permissions\": {\"issues\": \"read\"}}");

    Http.Reply reply =
        as(readOnly).post("/repos/octo-org/hello-world/issues", "{\"title\": \"t\"}");

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.message()).isEqualTo("Resource not accessible by integration");
    assertThat(reply.header("X-Accepted-GitHub-Permissions")).isEqualTo("issues=write");
  }

  @Test
  void gate_aServedAnswer_carriesTheAcceptedPermissionsToo() {
    String token = Tokens.mint(github.emulator(), 42, "{}");

    Http.Reply reply = as(token).get("/repos/octo-org/hello-world/issues");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("X-Accepted-GitHub-Permissions")).isEqualTo("issues=read");
  }

  @Test
  void gate_aPrivateRepositoryOutOfReach_is404NotA403ThatWouldRevealIt() {
    String narrowed =
        Tokens.mint(
            github.emulator(),
            42,
            "{\"repositories\": [\"docs\"], \"permissions\": {\"contents\": \"read\"}}");

    Http.Reply reply = as(narrowed).get("/repos/octo-org/hello-world/issues");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.header("X-Accepted-GitHub-Permissions")).isNull();
  }

  @Test
  void gate_aRouteGitHubsTableDoesNotList_needsNoPermission() {
    String contentsOnly =
        Tokens.mint(github.emulator(), 42, "{\"permissions\": {\"contents\": \"read\"}}");

    assertThat(as(contentsOnly).get("/installation/repositories").status()).isEqualTo(200);
  }

  @Test
  void permissionsUsed_afterAScriptedSession_isTheLeastThatCoversIt() {
    GitHubEmulator emu = github.emulator();
    String token = Tokens.mint(emu, 42, "{}");
    as(token).get("/repos/octo-org/hello-world");
    as(token).get("/repos/octo-org/hello-world/issues");
    as(token).post("/repos/octo-org/hello-world/issues", "{\"title\": \"t\"}");
    as(token).get("/installation/repositories");

    PermissionsUsed used = emu.permissionsUsed(42);

    assertThat(used.endpoints())
        .containsExactly(
            Map.entry("GET /repos/{owner}/{repo}", List.of("metadata=read")),
            Map.entry("GET /repos/{owner}/{repo}/issues", List.of("issues=read")),
            Map.entry("POST /repos/{owner}/{repo}/issues", List.of("issues=write")));
    assertThat(used.least()).containsExactly(Map.entry("issues", "write"));
    assertThat(used.isWithin(Map.of("issues", "write"))).isTrue();
    assertThat(used.beyond(Map.of("issues", "read")))
        .containsExactly("POST /repos/{owner}/{repo}/issues needs issues=write");
    assertThat(emu.permissionsUsedBy(token).least()).isEqualTo(used.least());
    assertThat(emu.permissionsUsed(43).endpoints()).isEmpty();
  }

  @Test
  void permissionsUsed_overTheAdminApi_answersTheSame() throws Exception {
    GitHubEmulator emu = github.emulator();
    as(Tokens.mint(emu, 42, "{}")).post("/repos/octo-org/hello-world/issues", "{\"title\": \"t\"}");

    Http.Reply reply = Http.admin(emu).get("/_emulator/installations/42/permissions-used");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json)
        .isEqualTo(
            Http.JSON.readTree(
                "{\"installation_id\": 42, \"least\": {\"issues\": \"write\"},"
                    + " \"endpoints\": {\"POST /repos/{owner}/{repo}/issues\": [\"issues=write\"]}}"));
  }

  @Test
  void assertPermissionsUsedWithin_whenTheAppNeededMore_failsNamingTheEndpoint() {
    as(Tokens.mint(github.emulator(), 42, "{}"))
        .post("/repos/octo-org/hello-world/issues", "{\"title\": \"t\"}");

    github.assertPermissionsUsedWithin(42, Map.of("issues", "write"));
    assertThatThrownBy(
            () ->
                github.assertPermissionsUsedWithin(
                    42, Map.of("issues", "read", "contents", "read")))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "installation 42 used more than {contents=read, issues=read}: POST /repos/{owner}/{repo}/issues"
                + " needs issues=write (least that covers everything it did: {issues=write})");
  }

  @Test
  void unmodelledEndpoint_aTokenWithoutItsPermission_is403WithTheHeader() {
    String token = Tokens.mint(github.emulator(), 42, "{}"); // no pull_requests

    Http.Reply reply = as(token).get("/repos/octo-org/hello-world/pulls/1/requested_reviewers");

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.header("X-Accepted-GitHub-Permissions")).isEqualTo("pull_requests=read");
  }

  @Test
  void unmodelledEndpoint_aTokenWithItsPermission_is501NamingTheEndpoint() {
    GitHubEmulator emu = github.emulator();
    EmulatedApp reviewer =
        emu.createApp(2003, "reviewer", Map.of("pull_requests", "read"), List.of());
    long installation = emu.createInstallation(reviewer.id(), "octo-org");
    String token = Tokens.mintReplyFor(emu, reviewer.id(), installation).json.get("token").asText();

    Http.Reply reply = as(token).get("/repos/octo-org/hello-world/pulls/1/requested_reviewers");

    assertThat(reply.status()).isEqualTo(501);
    assertThat(reply.message())
        .startsWith(
            "ghapp-emulator does not model GET /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers:"
                + " the request was authenticated, counted against the rate limit and passed GitHub's"
                + " permission gate");
    assertThat(reply.json.get("documentation_url").asText())
        .isEqualTo(
            "https://docs.github.com/rest/pulls#get-all-requested-reviewers-for-a-pull-request");
    assertThat(emu.requests())
        .anyMatch(r -> r.path().equals("/repos/octo-org/hello-world/pulls/1/requested_reviewers"));
  }

  @Test
  void unmodelledEndpoint_onAPrivateRepositoryOutOfReach_is404() {
    String narrowed = Tokens.mint(github.emulator(), 42, "{\"repositories\": [\"docs\"]}");

    assertThat(as(narrowed).get("/repos/octo-org/hello-world/pulls/1/requested_reviewers").status())
        .isEqualTo(404);
  }

  @Test
  void routing_aLiteralSegmentBeatsAModelledRoutesPlaceholder() {
    String token = Tokens.mint(github.emulator(), 42, "{}"); // issues write

    Http.Reply reply = as(token).get("/repos/octo-org/hello-world/issues/events");

    assertThat(reply.status())
        .as("GET .../issues/events, not issue number 'events'")
        .isEqualTo(501);
    assertThat(reply.header("X-Accepted-GitHub-Permissions")).isEqualTo("issues=read");
  }
}
