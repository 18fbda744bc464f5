package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The emulator's answers validate against GitHub's published REST description
 * ({@code @octokit/openapi}, see {@link GitHubOpenApi}): the App-authentication routes, the routes
 * an installation token uses, issues and comments, and the two error shapes.
 */
class OpenApiSchemaTest {

  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  private static GitHubOpenApi openApi;
  private static long suspendedInstallation;

  @BeforeAll
  static void loadTheDescriptionAndSuspendAnInstallation() {
    openApi = GitHubOpenApi.get();
    GitHubEmulator emu = github.emulator();
    emu.createAccount("sleepy-user", "User");
    suspendedInstallation = emu.createInstallation(1001, "sleepy-user");
    emu.suspend(suspendedInstallation);
  }

  private static Http app() {
    return Http.at(github.baseUrl()).bearer(Tokens.jwt(github.emulator(), 1001));
  }

  private static Http installation() {
    return Http.at(github.baseUrl()).token(Tokens.mint(github.emulator(), 42, "{}"));
  }

  private static void assertValid(JsonSchema schema, Http.Reply reply, int status) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertValid(schema, reply.json);
  }

  private static void assertValid(JsonSchema schema, JsonNode document) {
    assertThat(GitHubOpenApi.problems(schema, document)).as("%s", document).isEmpty();
  }

  @Test
  void validation_ofADocumentMissingRequiredFields_fails() {
    JsonNode incomplete = Http.JSON.createObjectNode().put("id", 42).put("app_id", "not a number");

    assertThat(GitHubOpenApi.problems(openApi.component("installation"), incomplete))
        .contains("account")
        .contains("app_id");
  }

  // ---- App authentication (JWT)

  @Test
  void getApp_matchesTheIntegrationSchema() {
    assertValid(openApi.response("/app", "get", 200), app().get("/app"), 200);
  }

  @Test
  void listInstallations_eachItemMatchesTheInstallationSchema() {
    Http.Reply reply = app().get("/app/installations");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json).hasSizeGreaterThanOrEqualTo(3);
    // GITHUB-FACTS.md section 9: the list schema's account allOf rejects GitHub's own example;
    // items are checked against the single installation schema instead.
    for (JsonNode item : reply.json) {
      assertValid(openApi.component("installation"), item);
    }
  }

  @Test
  void getInstallation_matchesItsSchema_suspendedToo() {
    JsonSchema schema = openApi.response("/app/installations/{installation_id}", "get", 200);

    assertValid(schema, app().get("/app/installations/42"), 200);
    Http.Reply suspended = app().get("/app/installations/" + suspendedInstallation);
    assertValid(schema, suspended, 200);
    assertThat(suspended.json.get("suspended_by").isObject()).isTrue();
  }

  @Test
  void installationLookUps_matchTheirSchemas() {
    assertValid(
        openApi.response("/repos/{owner}/{repo}/installation", "get", 200),
        app().get("/repos/octo-org/hello-world/installation"),
        200);
    assertValid(
        openApi.response("/orgs/{org}/installation", "get", 200),
        app().get("/orgs/octo-org/installation"),
        200);
    assertValid(
        openApi.response("/users/{username}/installation", "get", 200),
        app().get("/users/octocat/installation"),
        200);
  }

  @Test
  void createAccessToken_matchesTheInstallationTokenSchema_narrowedToo() {
    JsonSchema schema =
        openApi.response("/app/installations/{installation_id}/access_tokens", "post", 201);

    assertValid(schema, app().post("/app/installations/42/access_tokens", "{}"), 201);
    assertValid(
        schema,
        app()
            .post(
                "/app/installations/42/access_tokens",
                "{\"repositories\": [\"docs\"], \"permissions\": {\"contents\": \"read\"}}"),
        201);
    assertValid(schema, app().post("/app/installations/43/access_tokens", "{}"), 201);
  }

  // ---- installation tokens

  @Test
  void installationRepositories_matchesItsSchema() {
    assertValid(
        openApi.response("/installation/repositories", "get", 200),
        installation().get("/installation/repositories"),
        200);
  }

  @Test
  void rateLimit_matchesItsSchema() {
    assertValid(
        openApi.response("/rate_limit", "get", 200), installation().get("/rate_limit"), 200);
  }

  @Test
  void meta_matchesItsSchema() {
    assertValid(openApi.response("/meta", "get", 200), Http.at(github.baseUrl()).get("/meta"), 200);
  }

  @Test
  void getRepository_matchesTheFullRepositorySchema() {
    assertValid(
        openApi.response("/repos/{owner}/{repo}", "get", 200),
        installation().get("/repos/octo-org/hello-world"),
        200);
  }

  @Test
  void getUser_ofABotAndOfAccounts_matchesThePublicUserSchema() {
    Http anonymous = Http.at(github.baseUrl());
    for (String login : new String[] {"octo-app%5Bbot%5D", "octo-org", "octocat"}) {
      assertValid(
          openApi.response("/users/{username}", "get", 200), anonymous.get("/users/" + login), 200);
    }
  }

  @Test
  void issuesAndComments_matchTheirSchemas() {
    Http token = installation();
    Http.Reply created =
        token.post(
            "/repos/octo-org/hello-world/issues",
            "{\"title\": \"Validated\", \"body\": \"Against GitHub's schema.\"}");
    String issue = "/repos/octo-org/hello-world/issues/" + created.json.get("number").asInt();
    Http.Reply comment = token.post(issue + "/comments", "{\"body\": \"Looks right.\"}");

    assertValid(openApi.response("/repos/{owner}/{repo}/issues", "post", 201), created, 201);
    assertValid(
        openApi.response("/repos/{owner}/{repo}/issues/{issue_number}", "get", 200),
        token.get(issue),
        200);
    assertValid(
        openApi.response("/repos/{owner}/{repo}/issues", "get", 200),
        token.get("/repos/octo-org/hello-world/issues"),
        200);
    assertValid(
        openApi.response("/repos/{owner}/{repo}/issues/{issue_number}/comments", "post", 201),
        comment,
        201);
    assertValid(
        openApi.response("/repos/{owner}/{repo}/issues/{issue_number}/comments", "get", 200),
        token.get(issue + "/comments"),
        200);
  }

  // ---- webhook payloads (the demo app's webhook URL need not answer: the log keeps what was sent)

  @Test
  void webhookPayloads_matchGitHubsWebhookSchemas() {
    GitHubEmulator emu = github.emulator();
    Http.Reply issue =
        installation().post("/repos/octo-org/hello-world/issues", "{\"title\": \"Hooked\"}");
    emu.createAccount("hooked-org", "Organization");
    emu.createRepository("hooked-org", "site", true);
    long created = emu.createInstallation(1001, "hooked-org");
    emu.suspend(created);

    assertValid(
        openApi.webhook("issues-opened"),
        sent("issues", "opened", p -> p.at("/issue/id").asLong() == issue.json.get("id").asLong()));
    assertValid(
        openApi.webhook("installation-created"),
        sent("installation", "created", p -> p.at("/installation/id").asLong() == created));
    assertValid(
        openApi.webhook("installation-suspend"),
        sent("installation", "suspend", p -> p.at("/installation/id").asLong() == created));
  }

  private static JsonNode sent(
      String event, String action, java.util.function.Predicate<JsonNode> which) {
    return await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(
            () ->
                github.emulator().deliveries().stream()
                    .filter(d -> d.event().equals(event) && action.equals(d.action()))
                    .map(d -> parse(d.requestBody()))
                    .filter(which)
                    .findFirst()
                    .orElse(null),
            java.util.Objects::nonNull);
  }

  private static JsonNode parse(String json) {
    try {
      return Http.JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  // ---- errors

  @Test
  void errors_matchTheBasicErrorSchema() {
    JsonSchema basic = openApi.component("basic-error");

    assertValid(basic, Http.at(github.baseUrl()).bearer("not.a.jwt").get("/app"), 401);
    assertValid(basic, app().get("/app/installations/999999"), 404);
    assertValid(basic, installation().get("/repos/octo-org/secret-plans"), 404);
    assertValid(
        basic,
        Http.at(github.baseUrl())
            .token(Tokens.mint(github.emulator(), 42, "{\"permissions\": {\"issues\": \"read\"}}"))
            .post("/repos/octo-org/hello-world/issues", "{\"title\": \"x\"}"),
        403);
    assertValid(
        basic,
        app().post("/app/installations/" + suspendedInstallation + "/access_tokens", "{}"),
        403);
    assertValid(
        basic,
        app().post("/app/installations/42/access_tokens", "{\"repositories\": [\"docs\""),
        400);
  }

  @Test
  void unprocessableRequests_matchTheValidationErrorSchema() {
    JsonSchema validation = openApi.component("validation-error");

    assertValid(
        validation,
        app()
            .post(
                "/app/installations/42/access_tokens",
                "{\"permissions\": {\"administration\": \"write\"}}"),
        422);
    assertValid(
        validation,
        app().post("/app/installations/42/access_tokens", "{\"repositories\": [\"secret-plans\"]}"),
        422);
    assertValid(validation, installation().post("/repos/octo-org/hello-world/issues", "{}"), 422);
  }
}
