package io.github.ghapp.emulator;

import static io.github.ghapp.emulator.JwtAuthenticationTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GITHUB-FACTS.md section 5: a token reaches what its scope says; a private repository outside it
 * is 404, a public one is readable by anyone, a missing permission is 403.
 */
class RepositoryAccessTest {

  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  @BeforeAll
  static void addAPublicRepositoryAndAnAppWithoutRepositoryPermissions() {
    GitHubEmulator emu = github.emulator();
    emu.createAccount("public-org", "Organization");
    emu.createRepository("public-org", "open-source", false);
    EmulatedApp members = emu.createApp(2002, "members-only", Map.of("members", "read"), List.of());
    emu.createInstallation(members.id(), "octo-org");
  }

  private Http api() {
    return Http.at(github.baseUrl());
  }

  @Test
  void getRepository_inTheTokensScope_answersTheFullRepository() {
    String token = Tokens.mint(github.emulator(), 42, "{}");

    Http.Reply reply = api().token(token).get("/repos/octo-org/hello-world");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json.get("full_name").asText()).isEqualTo("octo-org/hello-world");
    assertThat(reply.json.has("subscribers_count")).isTrue();
  }

  @Test
  void getRepository_ownerAndNameInAnotherCase_areFound() {
    String token = Tokens.mint(github.emulator(), 42, "{}");

    assertThat(api().token(token).get("/repos/Octo-Org/Hello-World").status()).isEqualTo(200);
  }

  @Test
  void getRepository_privateOutsideTheInstallation_isNotFound() {
    String token = Tokens.mint(github.emulator(), 42, "{}");

    assertRefused(api().token(token).get("/repos/octo-org/secret-plans"), 404, "Not Found");
    assertRefused(api().token(token).get("/repos/octocat/spoon-knife"), 404, "Not Found");
  }

  @Test
  void getRepository_outsideANarrowedToken_isNotFound() {
    String token = Tokens.mint(github.emulator(), 42, "{\"repositories\":[\"docs\"]}");

    assertThat(api().token(token).get("/repos/octo-org/docs").status()).isEqualTo(200);
    assertRefused(api().token(token).get("/repos/octo-org/hello-world"), 404, "Not Found");
  }

  @Test
  void getRepository_thatDoesNotExist_isNotFound() {
    String token = Tokens.mint(github.emulator(), 42, "{}");

    assertRefused(api().token(token).get("/repos/octo-org/nothing-here"), 404, "Not Found");
  }

  @Test
  void getRepository_publicOfAnotherAccount_isReadableByAnyInstallationToken() {
    String token = Tokens.mint(github.emulator(), 42, "{}");

    Http.Reply reply = api().token(token).get("/repos/public-org/open-source");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json.get("private").asBoolean()).isFalse();
    assertThat(reply.json.get("visibility").asText()).isEqualTo("public");
  }

  @Test
  void getRepository_publicWithoutCredential_isReadable_privateIsNotFound() {
    assertThat(api().get("/repos/public-org/open-source").status()).isEqualTo(200);
    assertRefused(api().get("/repos/octo-org/hello-world"), 404, "Not Found");
  }

  @Test
  void getRepository_withoutMetadataPermission_isResourceNotAccessible() {
    Http.Reply minted =
        Http.at(github.baseUrl())
            .bearer(Tokens.jwt(github.emulator(), 2002))
            .post("/app/installations/" + installationOf2002() + "/access_tokens", "{}");
    String token = minted.json.get("token").asText();

    Http.Reply reply = api().token(token).get("/repos/octo-org/hello-world");

    assertRefused(reply, 403, "Resource not accessible by integration");
    assertThat(reply.json.get("documentation_url").asText())
        .isEqualTo("https://docs.github.com/rest/repos/repos#get-a-repository");
  }

  @Test
  void installationRepositories_listTheTokensScopeWithTotalCount() {
    String narrowed = Tokens.mint(github.emulator(), 42, "{\"repositories\":[\"docs\"]}");

    Http.Reply reply = api().token(narrowed).get("/installation/repositories");

    assertThat(reply.json.get("total_count").asInt()).isEqualTo(1);
    assertThat(reply.json.get("repository_selection").asText()).isEqualTo("selected");
    assertThat(reply.json.get("repositories").get(0).get("name").asText()).isEqualTo("docs");
  }

  @Test
  void installationRepositories_afterTheFullRepositoryWasFetched_stillListPlainRepositoryObjects() {
    String token = Tokens.mint(github.emulator(), 42, "{}");
    Http.Reply listedBefore = api().token(token).get("/installation/repositories");

    Http.Reply full = api().token(token).get("/repos/octo-org/hello-world");
    Http.Reply listedAfter = api().token(token).get("/installation/repositories");

    // Repository objects are built once and shared between answers; the full one adds its fields to
    // a copy.
    assertThat(full.json.has("network_count")).isTrue();
    assertThat(listedAfter.json.get("repositories").get(0).has("network_count")).isFalse();
    assertThat(listedAfter.json.get("repositories"))
        .isEqualTo(listedBefore.json.get("repositories"));
  }

  @Test
  void installationRepositories_ofAnAllInstallation_includeRepositoriesCreatedLater() {
    GitHubEmulator emu = github.emulator();
    String token = Tokens.mint(emu, 43, "{}");
    emu.createRepository("octocat", "created-later", true);

    Http.Reply reply = api().token(token).get("/installation/repositories");

    assertThat(reply.json.get("repository_selection").asText()).isEqualTo("all");
    assertThat(reply.json.get("repositories").findValuesAsText("name"))
        .contains("spoon-knife", "created-later");
    assertThat(api().token(token).get("/repos/octocat/created-later").status()).isEqualTo(200);
  }

  private long installationOf2002() {
    Http.Reply reply =
        Http.at(github.baseUrl())
            .bearer(Tokens.jwt(github.emulator(), 2002))
            .get("/app/installations");
    return reply.json.get(0).get("id").asLong();
  }
}
