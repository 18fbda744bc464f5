package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The checks and statuses answers and webhook payloads validate against GitHub's published REST
 * description ({@code @octokit/openapi}, see {@link GitHubOpenApi}), as {@link OpenApiSchemaTest}
 * does for the rest of the emulator.
 */
class ChecksSchemaTest {

  private static GitHubOpenApi openApi;
  private static GitHubEmulator emu;
  private static String main;

  @BeforeAll
  static void loadTheDescription() {
    openApi = GitHubOpenApi.get();
    emu = ChecksFixture.shared();
    main = ChecksFixture.head(emu, "octo-org", "hello-world", "refs/heads/main");
  }

  private static void assertValid(JsonSchema schema, Http.Reply reply, int status) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertValid(schema, reply.json);
  }

  private static void assertValid(JsonSchema schema, JsonNode document) {
    assertThat(GitHubOpenApi.problems(schema, document)).as("%s", document).isEmpty();
  }

  @Test
  void checkRuns_matchTheirSchemas() {
    Http checker = ChecksFixture.as(emu, 1001, 42);
    Http.Reply created =
        checker.post(
            "/repos/octo-org/hello-world/check-runs",
            "{\"name\": \"schema\", \"head_sha\": \""
                + main
                + "\", \"details_url\":"
                + " \"https://ci.example/1\"}");
    String run = "/repos/octo-org/hello-world/check-runs/" + created.json.get("id").asLong();
    Http.Reply updated =
        checker.send(
            "PATCH",
            run,
            "{\"conclusion\": \"success\", \"output\": {\"title\": \"t\", \"summary\": \"s\"}}");

    assertValid(openApi.response("/repos/{owner}/{repo}/check-runs", "post", 201), created, 201);
    assertValid(
        openApi.response("/repos/{owner}/{repo}/check-runs/{check_run_id}", "patch", 200),
        updated,
        200);
    assertValid(
        openApi.response("/repos/{owner}/{repo}/check-runs/{check_run_id}", "get", 200),
        checker.get(run),
        200);
    assertValid(
        openApi.response("/repos/{owner}/{repo}/commits/{ref}/check-runs", "get", 200),
        checker.get("/repos/octo-org/hello-world/commits/main/check-runs"),
        200);
    long id = created.json.get("id").asLong();
    assertValid(openApi.webhook("check-run-created"), sent("check_run", "created", id));
    assertValid(openApi.webhook("check-run-completed"), sent("check_run", "completed", id));
  }

  @Test
  void checkSuites_matchTheirSchemas() {
    String sha = ChecksFixture.commit(emu, "octo-org", "hello-world", "schema-suite", "x.txt");
    // an open pull request on the commit, so that every pull_requests validated lists one
    ChecksFixture.openPullRequest(emu, "hello-world", "schema-suite");
    Http checker = ChecksFixture.as(emu, 1001, 42);
    Http.Reply created =
        checker.post("/repos/octo-org/hello-world/check-suites", "{\"head_sha\": \"" + sha + "\"}");
    long id = created.json.get("id").asLong();
    long run =
        checker
            .post(
                "/repos/octo-org/hello-world/check-runs",
                "{\"name\": \"s\", \"head_sha\": \"" + sha + "\", \"conclusion\": \"success\"}")
            .json
            .get("id")
            .asLong();
    checker.post("/repos/octo-org/hello-world/check-suites/" + id + "/rerequest", "");

    assertThat(created.json.get("pull_requests")).hasSize(1);

    assertValid(openApi.response("/repos/{owner}/{repo}/check-suites", "post", 201), created, 201);
    assertValid(
        openApi.response("/repos/{owner}/{repo}/check-suites/{check_suite_id}", "get", 200),
        checker.get("/repos/octo-org/hello-world/check-suites/" + id),
        200);
    assertValid(
        openApi.response("/repos/{owner}/{repo}/commits/{ref}/check-suites", "get", 200),
        checker.get("/repos/octo-org/hello-world/commits/" + sha + "/check-suites"),
        200);
    assertValid(
        openApi.response(
            "/repos/{owner}/{repo}/check-suites/{check_suite_id}/check-runs", "get", 200),
        checker.get("/repos/octo-org/hello-world/check-suites/" + id + "/check-runs"),
        200);
    assertValid(openApi.webhook("check-run-completed"), sent("check_run", "completed", run));
    assertValid(openApi.webhook("check-suite-completed"), sent("check_suite", "completed", id));
    assertValid(openApi.webhook("check-suite-rerequested"), sent("check_suite", "rerequested", id));
  }

  @Test
  void commitStatuses_matchTheirSchemas() {
    String sha = ChecksFixture.commit(emu, "octo-org", "hello-world", "schema-status", "y.txt");
    Http checker = ChecksFixture.as(emu, 1001, 42);
    Http.Reply created =
        checker.post(
            "/repos/octo-org/hello-world/statuses/" + sha,
            "{\"state\": \"success\", \"context\": \"ci\", \"target_url\": \"https://ci.example\"}");

    assertValid(
        openApi.response("/repos/{owner}/{repo}/statuses/{sha}", "post", 201), created, 201);
    assertValid(
        openApi.response("/repos/{owner}/{repo}/commits/{ref}/statuses", "get", 200),
        checker.get("/repos/octo-org/hello-world/commits/" + sha + "/statuses"),
        200);
    assertValid(
        openApi.response("/repos/{owner}/{repo}/commits/{ref}/status", "get", 200),
        checker.get("/repos/octo-org/hello-world/commits/schema-status/status"),
        200);
    assertValid(
        openApi.component("validation-error"),
        checker.post("/repos/octo-org/hello-world/statuses/" + sha, "{}"),
        422);
    long id = created.json.get("id").asLong();
    assertValid(
        openApi.webhook("status"),
        ChecksFixture.body(
            ChecksFixture.delivered(
                emu,
                d ->
                    d.event().equals("status")
                        && ChecksFixture.body(d).path("id").asLong() == id)));
  }

  @Test
  void checkErrors_matchGitHubsErrorSchemas() {
    Http checker = ChecksFixture.as(emu, 1001, 42);
    JsonSchema basic = openApi.component("basic-error");

    assertValid(
        basic,
        checker.post(
            "/repos/octo-org/hello-world/check-runs",
            "{\"name\": \"x\", \"head_sha\": \"0000000000000000000000000000000000000000\"}"),
        422);
    assertValid(basic, checker.post("/repos/octo-org/hello-world/check-runs", "{}"), 422);
  }

  /** The payload of the delivery of this event and action about the object with this id. */
  private static JsonNode sent(String event, String action, long id) {
    String field = event.equals("check_run") ? "/check_run/id" : "/check_suite/id";
    return ChecksFixture.body(
        ChecksFixture.delivered(
            emu,
            d ->
                d.event().equals(event)
                    && action.equals(d.action())
                    && ChecksFixture.body(d).at(field).asLong() == id));
  }
}
