package io.github.ghapp.emulator;

import static io.github.ghapp.emulator.JwtAuthenticationTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GITHUB-FACTS.md sections 1 and 5: finding installations with the app's JWT. */
class InstallationLookupTest {

  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  private Http app() {
    return Http.at(github.baseUrl()).bearer(Tokens.jwt(github.emulator(), 1001));
  }

  @Test
  void getApp_describesTheAppAsGitHubsIntegrationSchema() {
    JsonNode app = app().get("/app").json;

    assertThat(app.get("node_id").asText()).isNotEmpty();
    assertThat(app.get("name").asText()).isEqualTo("octo-app");
    assertThat(app.get("owner").get("login").asText()).isEqualTo("octo-org");
    assertThat(app.get("permissions").toString())
        .isEqualTo("{\"contents\":\"write\",\"issues\":\"write\",\"metadata\":\"read\"}");
    assertThat(app.get("events").toString()).isEqualTo("[\"issues\"]");
    assertThat(app.get("installations_count").asInt()).isEqualTo(2);
    assertThat(app.has("created_at")).isTrue();
  }

  @Test
  void listInstallations_answersBothInstallationsWithoutLinkHeader() {
    Http.Reply reply = app().get("/app/installations");

    assertThat(reply.json.findValuesAsText("app_slug")).containsExactly("octo-app", "octo-app");
    assertThat(reply.json.get(0).get("id").asLong()).isEqualTo(42);
    assertThat(reply.json.get(0).get("account").get("login").asText()).isEqualTo("octo-org");
    assertThat(reply.json.get(0).get("target_type").asText()).isEqualTo("Organization");
    assertThat(reply.json.get(1).get("repository_selection").asText()).isEqualTo("all");
    assertThat(reply.header("Link")).isNull();
  }

  @Test
  void getInstallation_byId_answersIt_andAnotherAppsIsNotFound() {
    assertThat(app().get("/app/installations/43").json.get("account").get("login").asText())
        .isEqualTo("octocat");

    GitHubEmulator emu = github.emulator();
    EmulatedApp other = emu.createApp(0, "lookup-other", Map.of("issues", "read"), List.of());
    Http otherApp =
        Http.at(emu.baseUrl())
            .bearer(Jwts.forApp(other.privateKeyPem(), other.id(), emu.clock().instant()));
    assertRefused(otherApp.get("/app/installations/43"), 404, "Not Found");
    assertRefused(app().get("/app/installations/999"), 404, "Not Found");
    assertRefused(app().get("/app/installations/not-a-number"), 404, "Not Found");
  }

  @Test
  void repositoryInstallation_coversOnlyRepositoriesTheInstallationReaches() {
    assertThat(app().get("/repos/octo-org/hello-world/installation").json.get("id").asLong())
        .isEqualTo(42);
    assertRefused(app().get("/repos/octo-org/secret-plans/installation"), 404, "Not Found");
    assertRefused(app().get("/repos/octo-org/missing/installation"), 404, "Not Found");
    assertThat(app().get("/repos/octocat/spoon-knife/installation").json.get("id").asLong())
        .isEqualTo(43);
  }

  @Test
  void organizationAndUserInstallation_areFoundByAccount() {
    assertThat(app().get("/orgs/octo-org/installation").json.get("id").asLong()).isEqualTo(42);
    assertThat(app().get("/users/octocat/installation").json.get("id").asLong()).isEqualTo(43);
    assertRefused(app().get("/orgs/octocat/installation"), 404, "Not Found");
    assertRefused(app().get("/users/nobody/installation"), 404, "Not Found");
  }

  @Test
  void suspendedInstallation_isStillListed_withSuspendedAtAndBy() {
    github.emulator().suspend(42);
    try {
      JsonNode installation = app().get("/app/installations/42").json;

      assertThat(installation.get("suspended_at").asText()).isNotEmpty();
      assertThat(installation.get("suspended_by").get("login").asText()).isEqualTo("octo-org");
      assertThat(app().get("/app/installations/43").json.get("suspended_at").isNull()).isTrue();
    } finally {
      github.emulator().unsuspend(42);
    }
  }

  @Test
  void installationObject_hasEveryFieldOfGitHubsSchema() {
    JsonNode installation = app().get("/app/installations/42").json;

    for (String field :
        new String[] {
          "id",
          "account",
          "repository_selection",
          "access_tokens_url",
          "repositories_url",
          "html_url",
          "app_id",
          "client_id",
          "app_slug",
          "target_id",
          "target_type",
          "permissions",
          "events",
          "created_at",
          "updated_at",
          "single_file_name",
          "has_multiple_single_files",
          "single_file_paths",
          "suspended_by",
          "suspended_at"
        }) {
      assertThat(installation.has(field)).as(field).isTrue();
    }
    assertThat(installation.get("access_tokens_url").asText())
        .isEqualTo(github.baseUrl() + "/app/installations/42/access_tokens");
    assertThat(installation.get("permissions").toString())
        .isEqualTo("{\"contents\":\"read\",\"issues\":\"write\",\"metadata\":\"read\"}");
  }
}
