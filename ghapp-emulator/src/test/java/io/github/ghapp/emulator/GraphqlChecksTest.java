package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Check suites, check runs and commit statuses in GraphQL, on state made as an App makes it: a real
 * {@code git push} requests the app's suite for the pushed commit, REST reports runs and statuses
 * on it, and GraphQL answers them on the {@code Commit} (and a pull request's rollup) with REST's
 * ids and states.
 */
class GraphqlChecksTest {

  @RegisterExtension
  static final GitHubEmulatorExtension github =
      GitHubEmulatorExtension.fromState("graphql-state.yaml");

  private static final String REPO = "/repos/octo-org/hello-world";

  @TempDir static Path work;

  private static String sha;
  private static JsonNode build;
  private static JsonNode lint;

  /** A pushed commit on branch checked: runs build (in progress) and lint (failed), one status. */
  @BeforeAll
  static void pushACommitAndReportChecksAndAStatusOnIt() throws IOException {
    URI url = github.emulator().gitUrl("octo-org", "hello-world");
    String token = Tokens.mint(github.emulator(), 42, "{}");
    String remote =
        url.getScheme() + "://x-access-token:" + token + "@" + url.getAuthority() + url.getPath();
    GitCli git = new GitCli(work);
    run(git, work, "clone", "-q", remote, "clone");
    Path clone = work.resolve("clone");
    run(git, clone, "checkout", "-q", "-b", "checked");
    Files.writeString(clone.resolve("checked.txt"), "checked\n");
    run(git, clone, "add", "checked.txt");
    run(git, clone, "commit", "-q", "-m", "Add checked");
    run(git, clone, "push", "-q", "origin", "checked");
    sha = Branches.tip(github.emulator(), "octo-org", "hello-world", "checked");

    build =
        created(
            app()
                .post(
                    REPO + "/check-runs",
                    "{\"name\": \"build\", \"head_sha\": \""
                        + sha
                        + "\","
                        + " \"status\": \"in_progress\", \"details_url\": \"https://ci.example/1\"}"));
    lint =
        created(
            app()
                .post(
                    REPO + "/check-runs",
                    "{\"name\": \"lint\", \"head_sha\": \""
                        + sha
                        + "\","
                        + " \"conclusion\": \"failure\", \"output\": {\"title\": \"2 problems\","
                        + " \"summary\": \"Two lines too long.\"}}"));
    created(
        app()
            .post(
                REPO + "/statuses/" + sha,
                "{\"state\": \"success\", \"context\": \"ci/deploy\","
                    + " \"target_url\": \"https://ci.example/deploy\", \"description\": \"Deployed\"}"));
    created(
        app()
            .post(
                REPO + "/pulls",
                "{\"title\": \"Checked\", \"head\": \"checked\", \"base\": \"main\"}"));
  }

  private static void run(GitCli git, Path directory, String... arguments) {
    GitCli.Result result = git.run(directory, arguments);
    assertThat(result.succeeded()).as(result.output()).isTrue();
  }

  private static JsonNode created(Http.Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json;
  }

  private static Http app() {
    return Http.at(github.baseUrl()).token(Tokens.mint(github.emulator(), 42, "{}"));
  }

  private static Http.Reply onCommit(String token, String fields) {
    String query =
        "{ repository(owner: \"octo-org\", name: \"hello-world\") { object(oid: \""
            + sha
            + "\") { ... on Commit { "
            + fields
            + " } } } }";
    ObjectNode body = Http.JSON.createObjectNode().put("query", query);
    return Http.at(github.emulator().graphqlUrl()).bearer(token).post("", body.toString());
  }

  private static Http.Reply onCommit(String fields) {
    return onCommit(Tokens.mint(github.emulator(), 42, "{}"), fields);
  }

  @Test
  void checkSuites_ofAPushedCommit_areTheAppsSuiteWithItsRuns() {
    Http.Reply reply =
        onCommit(
            "checkSuites(first: 5) { totalCount nodes { id databaseId status conclusion"
                + " app { slug databaseId } branch { name } commit { oid }"
                + " checkRuns(first: 10) { nodes { id databaseId name status conclusion"
                + " startedAt completedAt detailsUrl title summary url } } } }");

    assertThat(reply.json.get("errors")).as(reply.toString()).isNull();
    JsonNode suites = reply.json.at("/data/repository/object/checkSuites");
    JsonNode rest = app().get(REPO + "/commits/" + sha + "/check-suites").json;
    assertThat(suites.get("totalCount").asInt()).isEqualTo(1);
    JsonNode suite = suites.at("/nodes/0");
    assertThat(suite.get("databaseId").asLong()).isEqualTo(rest.at("/check_suites/0/id").asLong());
    assertThat(suite.get("id").asText()).isEqualTo(rest.at("/check_suites/0/node_id").asText());
    assertThat(suite.get("status").asText()).isEqualTo("IN_PROGRESS");
    assertThat(suite.get("conclusion").isNull()).isTrue();
    assertThat(suite.at("/app/slug").asText()).isEqualTo("graphql-app");
    assertThat(suite.at("/app/databaseId").asLong()).isEqualTo(1001);
    assertThat(suite.at("/branch/name").asText()).isEqualTo("checked");
    assertThat(suite.at("/commit/oid").asText()).isEqualTo(sha);
    JsonNode runs = suite.at("/checkRuns/nodes");
    assertThat(runs).extracting(r -> r.get("name").asText()).containsExactly("lint", "build");
    JsonNode failed = runs.get(0);
    assertThat(failed.get("id").asText()).isEqualTo(lint.get("node_id").asText());
    assertThat(failed.get("databaseId").asLong()).isEqualTo(lint.get("id").asLong());
    assertThat(failed.get("status").asText()).isEqualTo("COMPLETED");
    assertThat(failed.get("conclusion").asText()).isEqualTo("FAILURE");
    assertThat(failed.get("completedAt").asText()).isEqualTo(lint.get("completed_at").asText());
    assertThat(failed.get("title").asText()).isEqualTo("2 problems");
    assertThat(failed.get("summary").asText()).isEqualTo("Two lines too long.");
    assertThat(failed.get("url").asText()).isEqualTo(lint.get("html_url").asText());
    JsonNode running = runs.get(1);
    assertThat(running.get("status").asText()).isEqualTo("IN_PROGRESS");
    assertThat(running.get("startedAt").asText()).isEqualTo(build.get("started_at").asText());
    assertThat(running.get("completedAt").isNull()).isTrue();
    assertThat(running.get("detailsUrl").asText()).isEqualTo("https://ci.example/1");
  }

  @Test
  void checkRuns_filteredByConclusionAndByApp_keepOnlyTheMatchingOnes() {
    Http.Reply reply =
        onCommit(
            "checkSuites(first: 5, filterBy: {appId: 1001}) { nodes {"
                + " failed: checkRuns(first: 10, filterBy: {conclusions: [FAILURE]}) {"
                + " nodes { name } }"
                + " named: checkRuns(first: 10, filterBy: {checkName: \"build\"}) {"
                + " nodes { name } } } }"
                + " other: checkSuites(first: 5, filterBy: {appId: 9}) { totalCount }");

    JsonNode commit = reply.json.at("/data/repository/object");
    assertThat(commit.at("/checkSuites/nodes/0/failed/nodes"))
        .extracting(r -> r.get("name").asText())
        .containsExactly("lint");
    assertThat(commit.at("/checkSuites/nodes/0/named/nodes"))
        .extracting(r -> r.get("name").asText())
        .containsExactly("build");
    assertThat(commit.at("/other/totalCount").asInt()).isZero();
  }

  @Test
  void node_byARunsRestNodeId_isTheRunInItsSuite() {
    String query =
        "{ node(id: \""
            + build.get("node_id").asText()
            + "\") { __typename ... on CheckRun { name checkSuite { databaseId } } } }";
    ObjectNode body = Http.JSON.createObjectNode().put("query", query);
    Http.Reply reply =
        Http.at(github.emulator().graphqlUrl())
            .bearer(Tokens.mint(github.emulator(), 42, "{}"))
            .post("", body.toString());

    assertThat(reply.json.at("/data/node/__typename").asText()).isEqualTo("CheckRun");
    assertThat(reply.json.at("/data/node/name").asText()).isEqualTo("build");
    assertThat(reply.json.at("/data/node/checkSuite/databaseId").asLong())
        .isEqualTo(build.at("/check_suite/id").asLong());
  }

  @Test
  void statusAndRollup_combineTheStatusesAndTheLatestRuns() {
    Http.Reply reply =
        onCommit(
            "status { state contexts { context state description targetUrl creator { login } }"
                + " deploy: context(name: \"ci/deploy\") { state } }"
                + " statusCheckRollup { state contexts(first: 10) { totalCount nodes {"
                + " __typename ... on CheckRun { name } ... on StatusContext { context } } } }");

    JsonNode commit = reply.json.at("/data/repository/object");
    assertThat(commit.at("/status/state").asText()).isEqualTo("SUCCESS");
    JsonNode context = commit.at("/status/contexts/0");
    assertThat(context.get("context").asText()).isEqualTo("ci/deploy");
    assertThat(context.get("description").asText()).isEqualTo("Deployed");
    assertThat(context.get("targetUrl").asText()).isEqualTo("https://ci.example/deploy");
    assertThat(context.at("/creator/login").asText()).isEqualTo("graphql-app[bot]");
    assertThat(commit.at("/status/deploy/state").asText()).isEqualTo("SUCCESS");
    assertThat(commit.at("/statusCheckRollup/state").asText()).isEqualTo("FAILURE");
    assertThat(commit.at("/statusCheckRollup/contexts/nodes"))
        .extracting(n -> n.get("__typename").asText())
        .containsExactly("CheckRun", "CheckRun", "StatusContext");
  }

  @Test
  void thePullRequestOfTheCommit_isFoundFromTheCommitAndFromItsSuite() {
    Http.Reply reply =
        onCommit(
            "associatedPullRequests(first: 5) { nodes { title } }"
                + " checkSuites(first: 1) { nodes { matchingPullRequests(first: 5) {"
                + " nodes { headRefName } } } }");

    JsonNode commit = reply.json.at("/data/repository/object");
    assertThat(commit.at("/associatedPullRequests/nodes/0/title").asText())
        .as(reply.toString())
        .isEqualTo("Checked");
    assertThat(commit.at("/checkSuites/nodes/0/matchingPullRequests/nodes/0/headRefName").asText())
        .isEqualTo("checked");
  }

  @Test
  void pullRequestsRollup_isItsHeadCommits() {
    String query =
        "{ repository(owner: \"octo-org\", name: \"hello-world\") { pullRequests(first: 1,"
            + " headRefName: \"checked\") { nodes { statusCheckRollup { state commit { oid }"
            + " contexts(first: 10) { totalCount } } } } } }";
    ObjectNode body = Http.JSON.createObjectNode().put("query", query);
    Http.Reply reply =
        Http.at(github.emulator().graphqlUrl())
            .bearer(Tokens.mint(github.emulator(), 42, "{}"))
            .post("", body.toString());

    JsonNode rollup = reply.json.at("/data/repository/pullRequests/nodes/0/statusCheckRollup");
    assertThat(rollup.get("state").asText()).as(reply.toString()).isEqualTo("FAILURE");
    assertThat(rollup.at("/commit/oid").asText()).isEqualTo(sha);
    assertThat(rollup.at("/contexts/totalCount").asInt()).isEqualTo(3);
  }

  @Test
  void checksAndStatuses_withoutTheirPermissions_areForbidden() {
    String contentsOnly =
        Tokens.mint(github.emulator(), 42, "{\"permissions\": {\"contents\": \"read\"}}");

    Http.Reply reply =
        onCommit(contentsOnly, "oid checkSuites(first: 1) { totalCount } status { state }");

    assertThat(reply.json.at("/data/repository/object/oid").asText()).isEqualTo(sha);
    assertThat(reply.json.at("/errors"))
        .extracting(e -> e.get("type").asText() + " " + e.at("/path/2").asText())
        .containsExactlyInAnyOrder("FORBIDDEN checkSuites", "FORBIDDEN status");
  }
}
