package io.github.ghapp.emulator;

import static io.github.ghapp.emulator.JwtAuthenticationTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Commit statuses over REST: made by an app's bot on a commit of the bare repository, listed newest
 * first, combined as GitHub documents (failure over pending over success); {@code statuses}
 * read/write; GitHub's 422s; the {@code status} webhook.
 */
class CommitStatusesTest {

  private static GitHubEmulator emu;

  @BeforeAll
  static void start() {
    emu = ChecksFixture.shared();
  }

  private static Http checker() {
    return ChecksFixture.as(emu, 1001, 42);
  }

  private static JsonNode post(Http as, String sha, String body) {
    Http.Reply reply = as.post("/repos/octo-org/hello-world/statuses/" + sha, body);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json;
  }

  @Test
  void createStatus_onACommit_answers201WrittenByTheBotAndIsListedNewestFirst() {
    String sha = ChecksFixture.commit(emu, "octo-org", "hello-world", "status-create", "c.txt");
    Http checker = checker();

    Http.Reply created =
        checker.post(
            "/repos/octo-org/hello-world/statuses/" + sha,
            "{\"state\": \"pending\", \"target_url\": \"https://ci.example/1\", \"description\":"
                + " \"Building\", \"context\": \"ci/build\"}");
    JsonNode plain = post(checker, sha, "{\"state\": \"success\"}");

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json.get("state").asText()).isEqualTo("pending");
    assertThat(created.json.get("context").asText()).isEqualTo("ci/build");
    assertThat(created.json.get("target_url").asText()).isEqualTo("https://ci.example/1");
    assertThat(created.json.at("/creator/login").asText()).isEqualTo("checker[bot]");
    assertThat(created.header("Location")).isEqualTo(created.json.get("url").asText());
    assertThat(plain.get("context").asText()).isEqualTo("default");
    assertThat(plain.get("target_url").isNull()).isTrue();
    assertThat(plain.get("description").isNull()).isTrue();
    JsonNode listed =
        checker.get("/repos/octo-org/hello-world/commits/status-create/statuses").json;
    assertThat(listed)
        .extracting(s -> s.get("id").asLong())
        .containsExactly(plain.get("id").asLong(), created.json.get("id").asLong());
  }

  @Test
  void combinedStatus_isFailureOverPendingOverSuccess_ofEachContextsLatest() {
    String sha = ChecksFixture.commit(emu, "octo-org", "hello-world", "combined", "k.txt");
    Http checker = checker();
    String combined = "/repos/octo-org/hello-world/commits/combined/status";

    JsonNode none = checker.get(combined).json;
    assertThat(none.get("state").asText()).isEqualTo("pending");
    assertThat(none.get("total_count").asInt()).isZero();
    post(checker, sha, "{\"state\": \"success\", \"context\": \"a\"}");
    assertThat(checker.get(combined).json.get("state").asText()).isEqualTo("success");
    post(checker, sha, "{\"state\": \"pending\", \"context\": \"b\"}");
    assertThat(checker.get(combined).json.get("state").asText()).isEqualTo("pending");
    post(checker, sha, "{\"state\": \"error\", \"context\": \"a\"}");
    assertThat(checker.get(combined).json.get("state").asText()).isEqualTo("failure");
    post(checker, sha, "{\"state\": \"success\", \"context\": \"a\"}");
    post(checker, sha, "{\"state\": \"success\", \"context\": \"b\"}");

    JsonNode green = checker.get(combined).json;
    assertThat(green.get("state").asText()).isEqualTo("success");
    assertThat(green.get("sha").asText()).isEqualTo(sha);
    assertThat(green.get("total_count").asInt()).isEqualTo(2);
    assertThat(green.get("statuses"))
        .extracting(s -> s.get("context").asText())
        .containsExactly("a", "b");
  }

  @Test
  void createStatus_thatGitHubRefuses_is422AsObserved() {
    String sha = ChecksFixture.head(emu, "octo-org", "hello-world", "refs/heads/main");
    String missing = "0".repeat(40);
    Http checker = checker();

    assertRefused(
        checker.post("/repos/octo-org/hello-world/statuses/" + missing, "{}"),
        422,
        "No commit found for SHA: " + missing);
    Http.Reply badState =
        checker.post("/repos/octo-org/hello-world/statuses/" + sha, "{\"state\": \"invalid\"}");
    assertRefused(badState, 422, "Validation Failed");
    assertThat(badState.json.get("errors").toString())
        .isEqualTo(
            "[{\"resource\":\"Status\",\"code\":\"custom\",\"field\":\"state\",\"message\":\"state"
                + " is not included in the list\"}]");
    Http.Reply noContext =
        checker.post(
            "/repos/octo-org/hello-world/statuses/" + sha,
            "{\"state\": \"success\", \"context\": \"\"}");
    assertRefused(noContext, 422, "Validation Failed");
    assertThat(noContext.json.get("errors").toString())
        .isEqualTo("[{\"resource\":\"Status\",\"code\":\"missing_field\",\"field\":\"context\"}]");
    assertRefused(
        checker.get("/repos/octo-org/hello-world/commits/nowhere/status"),
        422,
        "No commit found for SHA: nowhere");
  }

  @Test
  void statuses_withoutTheStatusesPermissionOrAToken_areRefusedAsGitHubDoes() {
    String sha = ChecksFixture.head(emu, "octo-org", "hello-world", "refs/heads/main");
    String reader =
        ChecksFixture.token(emu, 1001, 42, "{\"permissions\": {\"statuses\": \"read\"}}");
    String checksOnly =
        ChecksFixture.token(emu, 1001, 42, "{\"permissions\": {\"checks\": \"read\"}}");
    String body = "{\"state\": \"success\"}";

    Http.Reply write =
        Http.at(emu.baseUrl())
            .token(reader)
            .post("/repos/octo-org/hello-world/statuses/" + sha, body);
    Http.Reply read =
        Http.at(emu.baseUrl())
            .token(checksOnly)
            .get("/repos/octo-org/hello-world/commits/main/status");

    assertRefused(write, 403, "Resource not accessible by integration");
    assertThat(write.header("X-Accepted-GitHub-Permissions")).isEqualTo("statuses=write");
    assertRefused(read, 403, "Resource not accessible by integration");
    assertThat(read.header("X-Accepted-GitHub-Permissions")).isEqualTo("statuses=read");
    assertRefused(
        Http.at(emu.baseUrl())
            .bearer(Tokens.jwt(emu, 1001))
            .post("/repos/octo-org/hello-world/statuses/" + sha, body),
        401,
        "Bad credentials");
    assertRefused(
        ChecksFixture.as(emu, 1002, 52).post("/repos/octo-org/hello-world/statuses/" + sha, body),
        403,
        "Resource not accessible by integration");
    assertRefused(
        checker().post("/repos/octo-org/secret-plans/statuses/" + sha, body), 404, "Not Found");
  }

  @Test
  void statusWebhook_goesToEveryAppWithStatusesThatSubscribes() {
    String sha = ChecksFixture.commit(emu, "octo-org", "hello-world", "status-hook", "w.txt");
    long id =
        post(
                checker(),
                sha,
                "{\"state\": \"failure\", \"context\": \"ci/hook\", \"description\": \"red\"}")
            .get("id")
            .asLong();

    for (long installation : new long[] {42, 62}) {
      JsonNode payload =
          ChecksFixture.body(
              ChecksFixture.delivered(
                  emu,
                  d ->
                      d.event().equals("status")
                          && d.installationId() == installation
                          && ChecksFixture.body(d).path("id").asLong() == id));
      assertThat(payload.get("sha").asText()).isEqualTo(sha);
      assertThat(payload.get("state").asText()).isEqualTo("failure");
      assertThat(payload.get("context").asText()).isEqualTo("ci/hook");
      assertThat(payload.get("name").asText()).isEqualTo("octo-org/hello-world");
      assertThat(payload.at("/commit/sha").asText()).isEqualTo(sha);
      assertThat(payload.at("/branches/0/name").asText()).isEqualTo("status-hook");
      assertThat(payload.at("/sender/login").asText()).isEqualTo("checker[bot]");
    }
    assertThat(emu.deliveries())
        .noneMatch(d -> d.event().equals("status") && d.installationId() == 52);
  }
}
