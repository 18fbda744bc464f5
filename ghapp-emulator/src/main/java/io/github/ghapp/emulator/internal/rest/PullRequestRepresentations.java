package io.github.ghapp.emulator.internal.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.emulator.internal.Urls;
import io.github.ghapp.emulator.internal.git.PullRequestGit;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.state.Issue;
import io.github.ghapp.emulator.internal.state.IssueState;
import io.github.ghapp.emulator.internal.state.PullRequest;
import io.github.ghapp.emulator.internal.state.Repository;
import java.util.List;
import java.util.Optional;

/**
 * GitHub's {@code pull-request} (one pull request, and webhook payloads) and {@code
 * pull-request-simple} (lists), from a {@link PullRequest} and its {@link Issue}. The full form
 * reads the bare repository for the counts (commits, additions, deletions, changed files) and,
 * while open, whether the head still merges into the base.
 */
public final class PullRequestRepresentations {

  private final Urls urls;
  private final Representations json;
  private final IssueRepresentations issues;

  public PullRequestRepresentations(Urls urls, Representations json, IssueRepresentations issues) {
    this.urls = urls;
    this.json = json;
    this.issues = issues;
  }

  /** {@code pull-request-simple}. */
  public ObjectNode simple(PullRequest pull, Issue issue, Repository repository) {
    String api = pullUrl(repository, pull.number());
    String issueApi = urls.api("/repos/" + repository.fullName() + "/issues/" + pull.number());
    String web = urls.web("/" + repository.fullName() + "/pull/" + pull.number());
    ObjectNode node = Json.object();
    node.put("url", api);
    node.put("id", pull.id());
    node.put("node_id", Representations.nodeId("PullRequest", pull.id()));
    node.put("html_url", web);
    node.put("diff_url", web + ".diff");
    node.put("patch_url", web + ".patch");
    node.put("issue_url", issueApi);
    node.put("commits_url", api + "/commits");
    node.put("review_comments_url", api + "/comments");
    node.put(
        "review_comment_url",
        urls.api("/repos/" + repository.fullName() + "/pulls/comments{/number}"));
    node.put("comments_url", issueApi + "/comments");
    String statuses = urls.api("/repos/" + repository.fullName() + "/statuses/" + pull.headSha());
    node.put("statuses_url", statuses);
    node.put("number", pull.number());
    node.put("state", issue.state().jsonName());
    node.put("locked", false);
    node.put("title", issue.title());
    node.set("user", issues.botUser(issue.author()));
    node.put("body", issue.body());
    node.set("labels", issues.labels(issue, repository));
    node.putNull("milestone");
    node.putNull("active_lock_reason");
    node.put("created_at", Json.time(issue.createdAt()));
    node.put("updated_at", Json.time(issue.updatedAt()));
    node.put("closed_at", Json.time(issue.closedAt()));
    node.put("merged_at", Json.time(issue.mergedAt()));
    node.put("merge_commit_sha", pull.mergeCommitSha());
    node.putNull("assignee");
    node.set("assignees", Json.array());
    node.set("requested_reviewers", Json.array());
    node.set("requested_teams", Json.array());
    node.set("head", branch(repository, pull.headRef(), pull.headSha()));
    node.set("base", branch(repository, pull.baseRef(), pull.baseSha()));
    ObjectNode links = node.putObject("_links");
    link(links, "self", api);
    link(links, "html", web);
    link(links, "issue", issueApi);
    link(links, "comments", issueApi + "/comments");
    link(links, "review_comments", api + "/comments");
    link(
        links,
        "review_comment",
        urls.api("/repos/" + repository.fullName() + "/pulls/comments{/number}"));
    link(links, "commits", api + "/commits");
    link(links, "statuses", statuses);
    node.put("author_association", "NONE");
    node.putNull("auto_merge");
    node.put("draft", pull.draft());
    return node;
  }

  /** {@code pull-request}. */
  public ObjectNode full(PullRequest pull, Issue issue, Repository repository) {
    ObjectNode node = simple(pull, issue, repository);
    node.put("merged", pull.merged());
    try (PullRequestGit git = PullRequestGit.open(repository.gitDirectory())) {
      Optional<String> base = git.branch(pull.baseRef());
      if (issue.state() == IssueState.OPEN && base.isPresent()) {
        boolean clean = git.mergeable(base.get(), pull.headSha());
        node.put("mergeable", clean);
        node.put("rebaseable", clean);
        node.put("mergeable_state", clean ? "clean" : "dirty");
      } else {
        // GitHub stops computing mergeability once a pull request is closed (unconfirmed)
        node.putNull("mergeable");
        node.putNull("rebaseable");
        node.put("mergeable_state", "unknown");
      }
      if (pull.mergedBy() == null) {
        node.putNull("merged_by");
      } else {
        node.set("merged_by", issues.botUser(pull.mergedBy()));
      }
      node.put("comments", issue.comments());
      node.put("review_comments", pull.reviewComments());
      node.put("maintainer_can_modify", false);
      node.put("commits", git.commits(pull.baseSha(), pull.headSha()).size());
      List<PullRequestGit.FileChange> files = git.files(pull.baseSha(), pull.headSha());
      node.put("additions", files.stream().mapToInt(PullRequestGit.FileChange::additions).sum());
      node.put("deletions", files.stream().mapToInt(PullRequestGit.FileChange::deletions).sum());
      node.put("changed_files", files.size());
    }
    return node;
  }

  /**
   * {@code pull-request-minimal}, as check runs and check suites list pull requests: the API URL,
   * the ids, and each end's branch, commit and repository (its id, API URL and name; always this
   * repository, as the emulator has no forks).
   */
  public ObjectNode minimal(PullRequest pull, Repository repository) {
    ObjectNode node = Json.object();
    node.put("url", pullUrl(repository, pull.number()));
    node.put("id", pull.id());
    node.put("number", pull.number());
    node.set("head", minimalEnd(repository, pull.headRef(), pull.headSha()));
    node.set("base", minimalEnd(repository, pull.baseRef(), pull.baseSha()));
    return node;
  }

  String pullUrl(Repository repository, int number) {
    return urls.api("/repos/" + repository.fullName() + "/pulls/" + number);
  }

  /** {@code head} and {@code base}: the branch, its commit, and the repository (no forks here). */
  private ObjectNode branch(Repository repository, String ref, String sha) {
    ObjectNode node = Json.object();
    node.put("label", repository.owner().login() + ":" + ref);
    node.put("ref", ref);
    node.put("sha", sha);
    node.set("user", json.account(repository.owner()));
    node.set("repo", json.repository(repository));
    return node;
  }

  private ObjectNode minimalEnd(Repository repository, String ref, String sha) {
    ObjectNode node = Json.object();
    node.put("ref", ref);
    node.put("sha", sha);
    ObjectNode repo = node.putObject("repo");
    repo.put("id", repository.id());
    repo.put("url", urls.api("/repos/" + repository.fullName()));
    repo.put("name", repository.name());
    return node;
  }

  private static void link(ObjectNode links, String name, String href) {
    links.putObject(name).put("href", href);
  }
}
