package io.github.ghapp.emulator;

import static io.github.ghapp.emulator.JwtAuthenticationTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Check suites over REST: one per app and commit, made by its first run or by hand; status and
 * conclusion follow the runs; rerequested to queued; the {@code check_suite} webhooks.
 */
class CheckSuitesTest {

  private static GitHubEmulator emu;

  @BeforeAll
  static void start() {
    emu = ChecksFixture.shared();
  }

  private static Http checker() {
    return ChecksFixture.as(emu, 1001, 42);
  }

  private static JsonNode createRun(Http as, String sha, String name, String extra) {
    Http.Reply reply =
        as.post(
            "/repos/octo-org/hello-world/check-runs",
            "{\"name\": \"" + name + "\", \"head_sha\": \"" + sha + "\"" + extra + "}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json;
  }

  private static JsonNode suite(Http as, long id) {
    Http.Reply reply = as.get("/repos/octo-org/hello-world/check-suites/" + id);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json;
  }

  @Test
  void createCheckSuite_forACommit_is201Queued_andAgain200WithTheSameSuite() {
    String sha = ChecksFixture.commit(emu, "octo-org", "hello-world", "manual-suite", "m.txt");
    Http checker = checker();
    String body = "{\"head_sha\": \"" + sha + "\"}";

    Http.Reply created = checker.post("/repos/octo-org/hello-world/check-suites", body);
    Http.Reply again = checker.post("/repos/octo-org/hello-world/check-suites", body);

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json.get("status").asText()).isEqualTo("queued");
    assertThat(created.json.get("conclusion").isNull()).isTrue();
    assertThat(created.json.get("head_branch").asText()).isEqualTo("manual-suite");
    assertThat(created.json.at("/head_commit/id").asText()).isEqualTo(sha);
    assertThat(created.json.at("/head_commit/message").asText()).isEqualTo("Add m.txt\n");
    assertThat(created.json.at("/app/id").asLong()).isEqualTo(1001);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json.get("id")).isEqualTo(created.json.get("id"));
    JsonNode run = createRun(checker, sha, "joins", "");
    assertThat(run.at("/check_suite/id")).isEqualTo(created.json.get("id"));
  }

  @Test
  void checkSuite_statusAndConclusion_followItsRuns() {
    String sha = ChecksFixture.commit(emu, "octo-org", "hello-world", "suite-status", "s.txt");
    Http checker = checker();
    JsonNode unit = createRun(checker, sha, "unit", "");
    long suite = unit.at("/check_suite/id").asLong();
    String unitPath = "/repos/octo-org/hello-world/check-runs/" + unit.get("id").asLong();

    assertThat(suite(checker, suite).get("status").asText()).isEqualTo("queued");
    checker.send("PATCH", unitPath, "{\"status\": \"in_progress\"}");
    assertThat(suite(checker, suite).get("status").asText()).isEqualTo("in_progress");
    createRun(checker, sha, "lint", ", \"conclusion\": \"success\"");
    checker.send("PATCH", unitPath, "{\"conclusion\": \"timed_out\"}");

    JsonNode completed = suite(checker, suite);
    assertThat(completed.get("status").asText()).isEqualTo("completed");
    assertThat(completed.get("conclusion").asText()).isEqualTo("timed_out");
    assertThat(completed.get("latest_check_runs_count").asInt()).isEqualTo(2);
    JsonNode listed =
        checker.get("/repos/octo-org/hello-world/commits/" + sha + "/check-suites").json;
    assertThat(listed.get("total_count").asInt()).isEqualTo(1);
    assertThat(listed.at("/check_suites/0")).isEqualTo(completed);
    JsonNode runs =
        checker.get("/repos/octo-org/hello-world/check-suites/" + suite + "/check-runs").json;
    assertThat(runs.get("total_count").asInt()).isEqualTo(2);
  }

  @Test
  void checkSuite_onTheHeadOfAPullRequest_listsItWhileItIsOpen() {
    String sha = ChecksFixture.commit(emu, "octo-org", "hello-world", "suite-pull", "p.txt");
    Http checker = checker();
    long suite = createRun(checker, sha, "pr", "").at("/check_suite/id").asLong();
    assertThat(suite(checker, suite).get("pull_requests")).isEmpty();

    // looked up at each answer: a pull request opened after the suite is listed from then on
    int number = ChecksFixture.openPullRequest(emu, "hello-world", "suite-pull");

    JsonNode listed = suite(checker, suite).get("pull_requests");
    String pullPath = "/repos/octo-org/hello-world/pulls/" + number;
    JsonNode full = checker.get(pullPath).json;
    assertThat(listed).hasSize(1);
    JsonNode pull = listed.get(0);
    assertThat(pull.get("url").asText()).isEqualTo(emu.baseUrl() + pullPath);
    assertThat(pull.get("id")).isEqualTo(full.get("id"));
    assertThat(pull.get("number").asInt()).isEqualTo(number);
    for (String end : new String[] {"head", "base"}) {
      assertThat(pull.at("/" + end + "/ref")).isEqualTo(full.at("/" + end + "/ref"));
      assertThat(pull.at("/" + end + "/sha")).isEqualTo(full.at("/" + end + "/sha"));
      assertThat(pull.at("/" + end + "/repo/id")).isEqualTo(full.at("/" + end + "/repo/id"));
      assertThat(pull.at("/" + end + "/repo/url")).isEqualTo(full.at("/" + end + "/repo/url"));
      assertThat(pull.at("/" + end + "/repo/name").asText()).isEqualTo("hello-world");
    }
    assertThat(pull.at("/head/sha").asText()).isEqualTo(sha);
    assertThat(pull.at("/base/ref").asText()).isEqualTo("main");

    Http.Reply closed = checker.send("PATCH", pullPath, "{\"state\": \"closed\"}");

    assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
    assertThat(suite(checker, suite).get("pull_requests")).isEmpty();
    assertThat(
            checker
                .get("/repos/octo-org/hello-world/check-suites/" + suite + "/check-runs")
                .json
                .at("/check_runs/0/pull_requests"))
        .isEmpty();
  }

  @Test
  void checkSuiteCompleted_isSentOnceToEachAppWithChecksThatSubscribes() {
    String sha = ChecksFixture.commit(emu, "octo-org", "hello-world", "suite-hook", "h.txt");
    long suite =
        createRun(checker(), sha, "only", ", \"conclusion\": \"neutral\"")
            .at("/check_suite/id")
            .asLong();

    for (long installation : new long[] {42, 52}) {
      WebhookDelivery delivery =
          ChecksFixture.delivered(
              emu,
              d ->
                  d.event().equals("check_suite")
                      && "completed".equals(d.action())
                      && d.installationId() == installation
                      && ChecksFixture.body(d).at("/check_suite/id").asLong() == suite);
      JsonNode payload = ChecksFixture.body(delivery);
      assertThat(payload.at("/check_suite/conclusion").asText()).isEqualTo("neutral");
      assertThat(payload.at("/check_suite/head_sha").asText()).isEqualTo(sha);
    }
    // app 1003 reads checks but does not subscribe to check_suite
    List<WebhookDelivery> toReader =
        emu.deliveries().stream()
            .filter(d -> d.event().equals("check_suite") && d.installationId() == 62)
            .toList();
    assertThat(toReader).isEmpty();
  }

  @Test
  void rerequestCheckSuite_resetsItToQueuedAndTellsItsAppOnly() {
    String sha = ChecksFixture.commit(emu, "octo-org", "hello-world", "rerequest", "r.txt");
    long suite =
        createRun(checker(), sha, "flaky", ", \"conclusion\": \"failure\"")
            .at("/check_suite/id")
            .asLong();

    Http.Reply reply =
        ChecksFixture.as(emu, 1002, 52)
            .post("/repos/octo-org/hello-world/check-suites/" + suite + "/rerequest", "");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    JsonNode reset = suite(checker(), suite);
    assertThat(reset.get("status").asText()).isEqualTo("queued");
    assertThat(reset.get("conclusion").isNull()).isTrue();
    WebhookDelivery delivery =
        ChecksFixture.delivered(
            emu,
            d ->
                d.event().equals("check_suite")
                    && "rerequested".equals(d.action())
                    && ChecksFixture.body(d).at("/check_suite/id").asLong() == suite);
    assertThat(delivery.installationId()).isEqualTo(42);
    assertThat(ChecksFixture.body(delivery).at("/sender/login").asText())
        .isEqualTo("other-checker[bot]");
    createRun(checker(), sha, "flaky", ", \"conclusion\": \"success\"");
    assertThat(suite(checker(), suite).get("conclusion").asText()).isEqualTo("success");
  }

  @Test
  void checkSuites_refusals_areGitHubs() {
    String main = ChecksFixture.head(emu, "octo-org", "hello-world", "refs/heads/main");
    String reader = ChecksFixture.token(emu, 1001, 42, "{\"permissions\": {\"checks\": \"read\"}}");
    String suites = "/repos/octo-org/hello-world/check-suites";

    Http.Reply forbidden =
        Http.at(emu.baseUrl()).token(reader).post(suites, "{\"head_sha\": \"" + main + "\"}");
    assertRefused(forbidden, 403, "Resource not accessible by integration");
    assertThat(forbidden.header("X-Accepted-GitHub-Permissions")).isEqualTo("checks=write");
    assertRefused(
        Http.at(emu.baseUrl())
            .bearer(Tokens.jwt(emu, 1001))
            .post(suites, "{\"head_sha\": \"" + main + "\"}"),
        401,
        "Bad credentials");
    assertRefused(
        checker().post(suites, "{}"), 422, "Invalid request.\n\n\"head_sha\" wasn't supplied.");
    assertRefused(
        checker().post(suites, "{\"head_sha\": \"" + "f".repeat(40) + "\"}"),
        422,
        "No commit found for SHA: " + "f".repeat(40));
    assertRefused(checker().get(suites + "/1"), 404, "Not Found");
    assertRefused(checker().post(suites + "/1/rerequest", ""), 404, "Not Found");
  }
}
