package io.github.ghapp.emulator.internal.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.emulator.internal.Urls;
import io.github.ghapp.emulator.internal.git.CommitLookup;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.state.App;
import io.github.ghapp.emulator.internal.state.CheckRun;
import io.github.ghapp.emulator.internal.state.CheckSuite;
import io.github.ghapp.emulator.internal.state.Checks;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import io.github.ghapp.emulator.internal.state.PullRequest;
import io.github.ghapp.emulator.internal.state.PullRequests;
import io.github.ghapp.emulator.internal.state.Repository;

/**
 * GitHub's {@code check-run} and {@code check-suite} objects, shaped after the published schemas
 * (see the OpenAPI validation tests), for the REST routes and the {@code check_run} and {@code
 * check_suite} webhooks.
 *
 * <p>{@code pull_requests} lists, as {@code pull-request-minimal}, the open pull requests that
 * match the suite, as GitHub's webhook schemas word it: the same {@code head_branch} and {@code
 * head_sha}; a run lists those of its suite. They are looked up whenever an answer or a payload is
 * made, not when the suite was: a pull request opened after the suite shows in a later read, and a
 * {@code check_suite requested} sent for a push made before it existed has none (unconfirmed:
 * GitHub may keep what it found earlier; its REST description of a run says head SHA "or" branch,
 * and one revision of its webhook docs matched by the branch alone). Closed and merged ones are
 * left out, as GitHub documents; forks, whose pull requests GitHub leaves out too, do not exist
 * here. Whoever reads them sees them, whatever its {@code pull_requests} permission (unconfirmed).
 */
public final class CheckRepresentations {

  private final EmulatorState state;
  private final Urls urls;
  private final Representations json;
  private final Checks checks;
  private final PullRequests pulls;
  private final PullRequestRepresentations pullJson;

  public CheckRepresentations(
      EmulatorState state,
      Urls urls,
      Representations json,
      Checks checks,
      PullRequests pulls,
      PullRequestRepresentations pullJson) {
    this.state = state;
    this.urls = urls;
    this.json = json;
    this.checks = checks;
    this.pulls = pulls;
    this.pullJson = pullJson;
  }

  /** {@code check-run}, as {@code GET /repos/{owner}/{repo}/check-runs/{id}} answers. */
  public ObjectNode checkRun(CheckRun run, Repository repository) {
    ObjectNode node = runFields(run, repository);
    node.set("check_suite", Json.object().put("id", run.suiteId()));
    node.set("app", app(run.appId()));
    node.set(
        "pull_requests",
        checks
            .suite(repository.id(), run.suiteId())
            .map(suite -> pullRequests(suite, repository))
            .orElseGet(Json::array));
    return node;
  }

  /**
   * The {@code check_run} of a webhook, whose {@code check_suite} is the suite itself rather than
   * its id.
   */
  public ObjectNode webhookCheckRun(CheckRun run, CheckSuite suite, Repository repository) {
    ObjectNode node = runFields(run, repository);
    node.set("check_suite", webhookSuiteFields(suite, repository));
    node.set("app", app(run.appId()));
    node.set("pull_requests", pullRequests(suite, repository));
    return node;
  }

  /** {@code check-suite}, as {@code GET /repos/{owner}/{repo}/check-suites/{id}} answers. */
  public ObjectNode checkSuite(CheckSuite suite, Repository repository) {
    ObjectNode node = webhookCheckSuite(suite, repository);
    node.set("repository", json.repository(repository));
    return node;
  }

  /** The {@code check_suite} of a {@code check_suite} webhook. */
  public ObjectNode webhookCheckSuite(CheckSuite suite, Repository repository) {
    ObjectNode node = webhookSuiteFields(suite, repository);
    Checks.Summary summary = checks.summary(suite);
    node.put("latest_check_runs_count", summary.latestRunsCount());
    node.put("check_runs_url", suiteUrl(suite, repository) + "/check-runs");
    node.set("head_commit", headCommit(suite, repository));
    node.put("rerequestable", true);
    node.put("runs_rerequestable", true);
    return node;
  }

  public String runUrl(CheckRun run, Repository repository) {
    return urls.api("/repos/" + repository.fullName() + "/check-runs/" + run.id());
  }

  private ObjectNode runFields(CheckRun run, Repository repository) {
    App app = state.app(run.appId()).orElse(null);
    ObjectNode node = Json.object();
    node.put("id", run.id());
    node.put("name", run.name());
    node.put("node_id", Representations.nodeId("CheckRun", run.id()));
    node.put("head_sha", run.headSha());
    // Unconfirmed: GitHub is assumed to answer "" for an external id the app did not give.
    node.put("external_id", run.externalId() == null ? "" : run.externalId());
    node.put("url", runUrl(run, repository));
    node.put("html_url", urls.web("/" + repository.fullName() + "/runs/" + run.id()));
    // GitHub's documentation: without a details_url, the app's homepage is used.
    node.put(
        "details_url",
        run.detailsUrl() != null
            ? run.detailsUrl()
            : urls.web("/apps/" + (app == null ? "unknown" : app.slug())));
    node.put("status", run.status());
    node.put("conclusion", run.conclusion());
    node.put("started_at", Json.time(run.startedAt()));
    node.put("completed_at", Json.time(run.completedAt()));
    ObjectNode output = node.putObject("output");
    output.put("title", run.output().title());
    output.put("summary", run.output().summary());
    output.put("text", run.output().text());
    output.put("annotations_count", run.output().annotationsCount());
    output.put("annotations_url", runUrl(run, repository) + "/annotations");
    return node;
  }

  private ObjectNode webhookSuiteFields(CheckSuite suite, Repository repository) {
    Checks.Summary summary = checks.summary(suite);
    ObjectNode node = Json.object();
    node.put("id", suite.id());
    node.put("node_id", Representations.nodeId("CheckSuite", suite.id()));
    node.put("head_branch", suite.headBranch());
    node.put("head_sha", suite.headSha());
    node.put("status", summary.status());
    node.put("conclusion", summary.conclusion());
    node.put("url", suiteUrl(suite, repository));
    node.put("before", suite.before());
    node.put("after", suite.after());
    node.set("pull_requests", pullRequests(suite, repository));
    node.set("app", app(suite.appId()));
    node.put("created_at", Json.time(suite.createdAt()));
    node.put("updated_at", Json.time(suite.updatedAt()));
    return node;
  }

  /** The open pull requests that match the suite, now. */
  private ArrayNode pullRequests(CheckSuite suite, Repository repository) {
    ArrayNode list = Json.array();
    for (PullRequest pull :
        pulls.openWithHead(repository.id(), suite.headBranch(), suite.headSha())) {
      list.add(pullJson.minimal(pull, repository));
    }
    return list;
  }

  private String suiteUrl(CheckSuite suite, Repository repository) {
    return urls.api("/repos/" + repository.fullName() + "/check-suites/" + suite.id());
  }

  /** {@code simple-commit}; null when the commit is gone (a forced push cannot remove it here). */
  private ObjectNode headCommit(CheckSuite suite, Repository repository) {
    return CommitLookup.commit(repository, suite.headSha())
        .map(
            commit -> {
              ObjectNode node = Json.object();
              node.put("id", commit.sha());
              node.put("tree_id", commit.treeSha());
              node.put("message", commit.message());
              node.put("timestamp", Json.time(commit.committer().date()));
              node.set("author", person(commit.author()));
              node.set("committer", person(commit.committer()));
              return node;
            })
        .orElse(null);
  }

  private static ObjectNode person(CommitLookup.Person person) {
    return Json.object().put("name", person.name()).put("email", person.email());
  }

  private ObjectNode app(long appId) {
    return state.app(appId).map(json::app).orElse(null);
  }
}
