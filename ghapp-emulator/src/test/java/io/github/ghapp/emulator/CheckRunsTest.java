package io.github.ghapp.emulator;

import static io.github.ghapp.emulator.JwtAuthenticationTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Check runs over REST: made by an app on a commit of the bare repository, in that app's suite for
 * the commit; a conclusion completes them; only their own app updates them; {@code checks}
 * read/write and the token's scope are checked; GitHub's 422s; the {@code check_run} webhooks.
 */
class CheckRunsTest {

  private static WebhookReceiver receiver;
  private static GitHubEmulator emu;
  private static String main;

  @BeforeAll
  static void start() {
    emu = ChecksFixture.shared();
    receiver = ChecksFixture.sharedReceiver();
    main = ChecksFixture.head(emu, "octo-org", "hello-world", "refs/heads/main");
  }

  private static Http checker() {
    return ChecksFixture.as(emu, 1001, 42);
  }

  private static JsonNode create(Http as, String repo, String body) {
    Http.Reply reply = as.post("/repos/" + repo + "/check-runs", body);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json;
  }

  @Test
  void createCheckRun_onTheHeadOfMain_answers201WithAQueuedRunOfTheApp() {
    JsonNode run =
        create(
            checker(),
            "octo-org/hello-world",
            "{\"name\": \"lint\", \"head_sha\": \"" + main + "\", \"external_id\": \"7\"}");

    assertThat(run.get("name").asText()).isEqualTo("lint");
    assertThat(run.get("head_sha").asText()).isEqualTo(main);
    assertThat(run.get("status").asText()).isEqualTo("queued");
    assertThat(run.get("conclusion").isNull()).isTrue();
    assertThat(run.get("completed_at").isNull()).isTrue();
    assertThat(run.get("started_at").asText()).isNotEmpty();
    assertThat(run.get("external_id").asText()).isEqualTo("7");
    assertThat(run.get("app").get("id").asLong()).isEqualTo(1001);
    assertThat(run.get("details_url").asText()).endsWith("/apps/checker");
    assertThat(run.get("check_suite").get("id").asLong()).isPositive();
    assertThat(run.get("url").asText())
        .isEqualTo(
            emu.baseUrl() + "/repos/octo-org/hello-world/check-runs/" + run.get("id").asLong());
  }

  @Test
  void createCheckRun_twiceOnACommit_joinsOneSuitePerApp() {
    String sha = ChecksFixture.commit(emu, "octo-org", "hello-world", "suites", "a.txt");
    String body = "{\"name\": \"%s\", \"head_sha\": \"" + sha + "\"}";

    JsonNode first = create(checker(), "octo-org/hello-world", body.formatted("one"));
    JsonNode second = create(checker(), "octo-org/hello-world", body.formatted("two"));
    JsonNode other =
        create(ChecksFixture.as(emu, 1002, 52), "octo-org/hello-world", body.formatted("one"));

    assertThat(second.at("/check_suite/id")).isEqualTo(first.at("/check_suite/id"));
    assertThat(other.at("/check_suite/id")).isNotEqualTo(first.at("/check_suite/id"));
  }

  @Test
  void createCheckRun_withAConclusion_isCompletedAtOnce() {
    JsonNode run =
        create(
            checker(),
            "octo-org/hello-world",
            "{\"name\": \"fast\", \"head_sha\": \""
                + main
                + "\", \"conclusion\": \"success\", \"output\": {\"title\": \"OK\", \"summary\":"
                + " \"All good\"}}");

    assertThat(run.get("status").asText()).isEqualTo("completed");
    assertThat(run.get("conclusion").asText()).isEqualTo("success");
    assertThat(run.get("completed_at").asText()).isNotEmpty();
    assertThat(run.at("/output/title").asText()).isEqualTo("OK");
    assertThat(run.at("/output/summary").asText()).isEqualTo("All good");
  }

  @Test
  void updateCheckRun_withAConclusion_completesItAndGetReadsItBack() {
    Http checker = checker();
    long id =
        create(
                checker,
                "octo-org/hello-world",
                "{\"name\": \"test\", \"head_sha\": \"" + main + "\"}")
            .get("id")
            .asLong();
    String path = "/repos/octo-org/hello-world/check-runs/" + id;

    Http.Reply started = checker.send("PATCH", path, "{\"status\": \"in_progress\"}");
    Http.Reply done =
        checker.send(
            "PATCH",
            path,
            "{\"conclusion\": \"failure\", \"output\": {\"title\": \"1 failed\", \"summary\":"
                + " \"x\", \"annotations\": [{\"path\": \"README.md\", \"start_line\": 1,"
                + " \"end_line\": 1, \"annotation_level\": \"failure\", \"message\": \"m\"}]}}");

    assertThat(started.status()).as(started.toString()).isEqualTo(200);
    assertThat(started.json.get("status").asText()).isEqualTo("in_progress");
    assertThat(done.status()).as(done.toString()).isEqualTo(200);
    assertThat(done.json.get("status").asText()).isEqualTo("completed");
    assertThat(done.json.get("conclusion").asText()).isEqualTo("failure");
    assertThat(done.json.at("/output/annotations_count").asInt()).isEqualTo(1);
    assertThat(checker.get(path).json).isEqualTo(done.json);
  }

  @Test
  void updateCheckRun_ofAnotherApp_is403InvalidAppId() {
    long id =
        create(
                checker(),
                "octo-org/hello-world",
                "{\"name\": \"mine\", \"head_sha\": \"" + main + "\"}")
            .get("id")
            .asLong();

    assertRefused(
        ChecksFixture.as(emu, 1002, 52)
            .send(
                "PATCH",
                "/repos/octo-org/hello-world/check-runs/" + id,
                "{\"conclusion\": \"success\"}"),
        403,
        "Invalid app_id `1001` - check run can only be modified by the GitHub App that created it.");
    assertThat(
            ChecksFixture.as(emu, 1002, 52)
                .get("/repos/octo-org/hello-world/check-runs/" + id)
                .status())
        .isEqualTo(200);
  }

  @Test
  void getCheckRun_thatDoesNotExistOrIsInAnotherRepository_isNotFound() {
    long id =
        create(
                checker(),
                "octo-org/hello-world",
                "{\"name\": \"here\", \"head_sha\": \"" + main + "\"}")
            .get("id")
            .asLong();

    assertRefused(checker().get("/repos/octo-org/docs/check-runs/" + id), 404, "Not Found");
    assertRefused(checker().get("/repos/octo-org/hello-world/check-runs/1"), 404, "Not Found");
  }

  @Test
  void createCheckRun_forAShaTheRepositoryLacks_is422NoCommitFound() {
    String missing = "0123456789abcdef0123456789abcdef01234567";

    assertRefused(
        checker()
            .post(
                "/repos/octo-org/hello-world/check-runs",
                "{\"name\": \"x\", \"head_sha\": \"" + missing + "\"}"),
        422,
        "No commit found for SHA: " + missing);
  }

  @Test
  void createCheckRun_thatBreaksGitHubsSchema_is422InvalidRequest() {
    Http checker = checker();
    String runs = "/repos/octo-org/hello-world/check-runs";

    assertRefused(
        checker.post(runs, "{\"head_sha\": \"" + main + "\"}"),
        422,
        "Invalid request.\n\n\"name\" wasn't supplied.");
    assertRefused(
        checker.post(
            runs, "{\"name\": \"x\", \"head_sha\": \"" + main + "\", \"conclusion\": \"maybe\"}"),
        422,
        "Invalid request.\n\nmaybe is not a member of [\"action_required\", \"cancelled\","
            + " \"failure\", \"neutral\", \"success\", \"skipped\", \"stale\", \"timed_out\"].");
    assertRefused(
        checker.post(
            runs, "{\"name\": \"x\", \"head_sha\": \"" + main + "\", \"status\": \"completed\"}"),
        422,
        "Invalid request.\n\nNo subschema in \"anyOf\" matched.\n\"conclusion\" wasn't supplied.\n"
            + "completed is not a member of [\"queued\", \"in_progress\"].");
    assertRefused(
        checker.post(
            runs, "{\"name\": \"x\", \"head_sha\": \"" + main + "\", \"status\": \"waiting\"}"),
        422,
        "Invalid request.\n\nNo subschema in \"anyOf\" matched.\n"
            + "waiting is not a member of [\"queued\", \"in_progress\", \"completed\"].\n"
            + "waiting is not a member of [\"completed\"].\n\"conclusion\" wasn't supplied.\n"
            + "waiting is not a member of [\"queued\", \"in_progress\"].");
  }

  @Test
  void checkRuns_withoutTheChecksPermission_are403NamingIt() {
    String reader = ChecksFixture.token(emu, 1001, 42, "{\"permissions\": {\"checks\": \"read\"}}");
    String none = ChecksFixture.token(emu, 1001, 42, "{\"permissions\": {\"statuses\": \"read\"}}");

    Http.Reply write =
        Http.at(emu.baseUrl())
            .token(reader)
            .post(
                "/repos/octo-org/hello-world/check-runs",
                "{\"name\": \"x\", \"head_sha\": \"" + main + "\"}");
    Http.Reply read =
        Http.at(emu.baseUrl())
            .token(none)
            .get("/repos/octo-org/hello-world/commits/main/check-runs");

    assertRefused(write, 403, "Resource not accessible by integration");
    assertThat(write.header("X-Accepted-GitHub-Permissions")).isEqualTo("checks=write");
    assertRefused(read, 403, "Resource not accessible by integration");
    assertThat(read.header("X-Accepted-GitHub-Permissions")).isEqualTo("checks=read");
  }

  @Test
  void createCheckRun_withoutAnInstallationToken_isRefusedAsGitHubDoes() {
    String body = "{\"name\": \"x\", \"head_sha\": \"" + main + "\"}";

    assertRefused(
        Http.at(emu.baseUrl()).post("/repos/octocat/spoon-knife/check-runs", body),
        401,
        "Requires authentication");
    assertRefused(
        Http.at(emu.baseUrl())
            .bearer(Tokens.jwt(emu, 1001))
            .post("/repos/octo-org/hello-world/check-runs", body),
        401,
        "Bad credentials");
  }

  @Test
  void checkRuns_outsideTheTokensScope_areNotFoundOrForbiddenAsForAnyRepository() {
    String docsOnly = ChecksFixture.token(emu, 1001, 42, "{\"repositories\": [\"docs\"]}");
    String spoon = ChecksFixture.head(emu, "octocat", "spoon-knife", "refs/heads/main");

    assertRefused(
        Http.at(emu.baseUrl())
            .token(docsOnly)
            .post(
                "/repos/octo-org/hello-world/check-runs",
                "{\"name\": \"x\", \"head_sha\": \"" + main + "\"}"),
        404,
        "Not Found");
    assertRefused(
        checker()
            .post(
                "/repos/octocat/spoon-knife/check-runs",
                "{\"name\": \"x\", \"head_sha\": \"" + spoon + "\"}"),
        403,
        "Resource not accessible by integration");
    assertThat(
            Http.at(emu.baseUrl())
                .get("/repos/octocat/spoon-knife/commits/main/check-runs")
                .status())
        .isEqualTo(200);
  }

  @Test
  void listCheckRuns_byShaBranchOrTag_answersTheRunsOnThatCommitWithFilters() {
    String sha = ChecksFixture.commit(emu, "octo-org", "docs", "listing", "list.txt");
    ChecksFixture.tag(emu, "octo-org", "docs", "v1.0", sha);
    Http checker = ChecksFixture.as(emu, 1001, 42);
    String body = "{\"name\": \"%s\", \"head_sha\": \"" + sha + "\"%s}";
    create(checker, "octo-org/docs", body.formatted("build", ""));
    long rerun =
        create(checker, "octo-org/docs", body.formatted("build", ", \"status\": \"in_progress\""))
            .get("id")
            .asLong();
    create(checker, "octo-org/docs", body.formatted("lint", ", \"conclusion\": \"neutral\""));
    create(ChecksFixture.as(emu, 1002, 52), "octo-org/docs", body.formatted("build", ""));

    String base = "/repos/octo-org/docs/commits/";
    // Octokit writes the slash of heads/NAME as %2F
    for (String ref :
        new String[] {
          sha, sha.substring(0, 10), "listing", "heads%2Flisting", "v1.0", "tags%2Fv1.0"
        }) {
      Http.Reply reply = checker.get(base + ref + "/check-runs");
      assertThat(reply.status()).as(ref + ": " + reply).isEqualTo(200);
      assertThat(reply.json.get("total_count").asInt()).as(ref).isEqualTo(3);
    }
    assertThat(checker.get(base + sha + "/check-runs?filter=all").json.get("total_count").asInt())
        .isEqualTo(4);
    JsonNode builds = checker.get(base + "listing/check-runs?check_name=build&app_id=1001").json;
    assertThat(builds.get("total_count").asInt()).isEqualTo(1);
    assertThat(builds.at("/check_runs/0/id").asLong()).isEqualTo(rerun);
    assertThat(
            checker
                .get(base + "listing/check-runs?status=completed")
                .json
                .at("/check_runs/0/name")
                .asText())
        .isEqualTo("lint");
    Http.Reply paged = checker.get(base + "listing/check-runs?per_page=2");
    assertThat(paged.json.get("check_runs")).hasSize(2);
    assertThat(paged.header("Link")).contains("rel=\"next\"");
    assertRefused(
        checker.get(base + "no-such-branch/check-runs"),
        422,
        "No commit found for SHA: no-such-branch");
  }

  @Test
  void checkRun_onTheHeadOfAnOpenPullRequest_listsThePullRequestsOfItsSuite() {
    String sha = ChecksFixture.commit(emu, "octo-org", "hello-world", "run-pull", "rp.txt");
    int number = ChecksFixture.openPullRequest(emu, "hello-world", "run-pull");
    Http checker = checker();

    JsonNode run =
        create(
            checker, "octo-org/hello-world", "{\"name\": \"pr\", \"head_sha\": \"" + sha + "\"}");

    assertThat(run.get("pull_requests"))
        .extracting(p -> p.get("number").asInt())
        .containsExactly(number);
    assertThat(run.at("/pull_requests/0/head/sha").asText()).isEqualTo(sha);
    long id = run.get("id").asLong();
    JsonNode read = checker.get("/repos/octo-org/hello-world/check-runs/" + id).json;
    assertThat(read.get("pull_requests")).isEqualTo(run.get("pull_requests"));
    JsonNode created =
        ChecksFixture.body(
            ChecksFixture.delivered(
                emu,
                d ->
                    d.event().equals("check_run")
                        && "created".equals(d.action())
                        && ChecksFixture.body(d).at("/check_run/id").asLong() == id));
    assertThat(created.at("/check_run/pull_requests")).isEqualTo(run.get("pull_requests"));
    assertThat(created.at("/check_run/check_suite/pull_requests"))
        .isEqualTo(run.get("pull_requests"));
  }

  @Test
  void checkRunWebhooks_createdAndCompleted_goToEveryAppWithChecksPermission() {
    Http checker = checker();
    long id =
        create(
                checker,
                "octo-org/hello-world",
                "{\"name\": \"hooked\", \"head_sha\": \"" + main + "\"}")
            .get("id")
            .asLong();
    checker.send(
        "PATCH", "/repos/octo-org/hello-world/check-runs/" + id, "{\"conclusion\": \"success\"}");

    for (long installation : new long[] {42, 52, 62}) {
      for (String action : new String[] {"created", "completed"}) {
        WebhookDelivery delivery =
            ChecksFixture.delivered(
                emu,
                d ->
                    d.event().equals("check_run")
                        && action.equals(d.action())
                        && d.installationId() == installation
                        && ChecksFixture.body(d).at("/check_run/id").asLong() == id);
        JsonNode payload = ChecksFixture.body(delivery);
        assertThat(payload.at("/check_run/app/id").asLong()).isEqualTo(1001);
        assertThat(payload.at("/sender/login").asText()).isEqualTo("checker[bot]");
        assertThat(payload.at("/installation/id").asLong()).isEqualTo(installation);
        assertThat(payload.at("/check_run/status").asText())
            .isEqualTo(action.equals("created") ? "queued" : "completed");
      }
    }
    WebhookReceiver.Received received =
        org.awaitility.Awaitility.await()
            .until(
                () ->
                    receiver.received().stream()
                        .filter(
                            r ->
                                r.path().equals("/checker")
                                    && "check_run".equals(r.header("X-GitHub-Event")))
                        .findFirst()
                        .orElse(null),
                java.util.Objects::nonNull);
    assertThat(received.header("X-Hub-Signature-256")).startsWith("sha256=");
  }
}
