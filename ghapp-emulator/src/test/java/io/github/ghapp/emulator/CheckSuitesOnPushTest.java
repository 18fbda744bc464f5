package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitHub's default checks flow: a push to a repository makes a check suite for the new head commit
 * for each app installed there with {@code checks: write}, and sends that app {@code check_suite
 * requested}; the app's runs on the commit join that suite.
 */
class CheckSuitesOnPushTest {

  private static GitHubEmulator emu;

  @TempDir Path work;

  @BeforeAll
  static void start() {
    emu = ChecksFixture.shared();
  }

  /** Waits for the {@code check_suite requested} of this commit sent to this installation. */
  private static JsonNode requested(long installation, String sha) {
    return ChecksFixture.body(
        ChecksFixture.delivered(
            emu,
            d ->
                d.event().equals("check_suite")
                    && "requested".equals(d.action())
                    && d.installationId() == installation
                    && ChecksFixture.body(d).at("/check_suite/head_sha").asText().equals(sha)));
  }

  @Test
  void gitPush_ofANewBranch_requestsACheckSuiteFromEachAppWithChecksWrite() throws IOException {
    String token = ChecksFixture.token(emu, 1001, 42, "{}");
    URI git = emu.gitUrl("octo-org", "hello-world");
    GitCli cli = new GitCli(work);
    String url = "http://x-access-token:" + token + "@" + git.getAuthority() + git.getPath();
    assertThat(cli.run(work, "clone", url, "hello").succeeded()).isTrue();
    Path clone = work.resolve("hello");
    Files.writeString(clone.resolve("pushed.txt"), "checked on push\n");
    assertThat(cli.run(clone, "add", "pushed.txt").succeeded()).isTrue();
    GitCli.Result commit =
        cli.run(clone, "-c", "user.email=pusher@example.com", "commit", "-m", "Push for checks");
    assertThat(commit.succeeded()).as(commit.output()).isTrue();

    GitCli.Result push = cli.run(clone, "push", "origin", "HEAD:refs/heads/checked-on-push");

    assertThat(push.succeeded()).as(push.output()).isTrue();
    String sha = cli.run(clone, "rev-parse", "HEAD").output().trim();
    JsonNode toChecker = requested(42, sha);
    JsonNode toOther = requested(52, sha);
    JsonNode suite = toChecker.get("check_suite");
    assertThat(suite.get("status").asText()).isEqualTo("queued");
    assertThat(suite.get("conclusion").isNull()).isTrue();
    assertThat(suite.get("head_branch").asText()).isEqualTo("checked-on-push");
    assertThat(suite.get("before").asText()).isEqualTo("0".repeat(40));
    assertThat(suite.get("after").asText()).isEqualTo(sha);
    assertThat(suite.at("/app/id").asLong()).isEqualTo(1001);
    assertThat(suite.at("/head_commit/message").asText()).isEqualTo("Push for checks\n");
    assertThat(suite.get("pull_requests")).isEmpty();
    assertThat(toChecker.at("/sender/login").asText()).isEqualTo("checker[bot]");
    assertThat(toOther.at("/check_suite/app/id").asLong()).isEqualTo(1002);
    assertThat(toOther.at("/check_suite/id")).isNotEqualTo(suite.get("id"));
    assertThat(
            GitHubOpenApi.problems(GitHubOpenApi.get().webhook("check-suite-requested"), toChecker))
        .isEmpty();

    // the app answers the webhook: its run on the head commit joins the requested suite
    Http.Reply run =
        Http.at(emu.baseUrl())
            .token(token)
            .post(
                "/repos/octo-org/hello-world/check-runs",
                "{\"name\": \"on-push\", \"head_sha\": \"" + sha + "\"}");
    assertThat(run.status()).as(run.toString()).isEqualTo(201);
    assertThat(run.json.at("/check_suite/id")).isEqualTo(suite.get("id"));
    assertThat(
            emu.deliveries().stream()
                .filter(d -> d.event().equals("check_suite") && d.installationId() == 62))
        .isEmpty();
  }

  @Test
  void pushToTheHeadBranchOfAnOpenPullRequest_requestsASuiteListingIt() {
    ChecksFixture.commit(emu, "octo-org", "docs", "pushed-pull", "first.txt");
    int number = ChecksFixture.openPullRequest(emu, "docs", "pushed-pull");
    String content = Base64.getEncoder().encodeToString("second\n".getBytes());

    Http.Reply put =
        ChecksFixture.as(emu, 1001, 42)
            .send(
                "PUT",
                "/repos/octo-org/docs/contents/second.txt",
                "{\"message\": \"Add second.txt\", \"content\": \""
                    + content
                    + "\", \"branch\": \"pushed-pull\"}");

    assertThat(put.status()).as(put.toString()).isEqualTo(201);
    String sha = put.json.at("/commit/sha").asText();
    JsonNode requested = requested(42, sha);
    JsonNode pulls = requested.at("/check_suite/pull_requests");
    assertThat(pulls).extracting(p -> p.get("number").asInt()).containsExactly(number);
    assertThat(pulls.at("/0/head/ref").asText()).isEqualTo("pushed-pull");
    assertThat(pulls.at("/0/head/sha").asText()).isEqualTo(sha);
    assertThat(pulls.at("/0/base/ref").asText()).isEqualTo("main");
    assertThat(
            GitHubOpenApi.problems(
                GitHubOpenApi.get().webhook("check-suite-requested"),
                GitHubOpenApi.botAddressesAsMailboxes(requested)))
        .isEmpty();
  }

  @Test
  void commitThroughTheContentsApi_requestsACheckSuiteToo() {
    Http checker = ChecksFixture.as(emu, 1001, 42);
    String content = Base64.getEncoder().encodeToString("via the API\n".getBytes());

    Http.Reply put =
        checker.send(
            "PUT",
            "/repos/octo-org/docs/contents/api.txt",
            "{\"message\": \"Add api.txt\", \"content\": \"" + content + "\"}");

    assertThat(put.status()).as(put.toString()).isEqualTo(201);
    String sha = put.json.at("/commit/sha").asText();
    JsonNode suite = requested(42, sha).get("check_suite");
    assertThat(suite.get("head_branch").asText()).isEqualTo("main");
    assertThat(suite.get("before").asText()).isNotEqualTo("0".repeat(40));
  }
}
