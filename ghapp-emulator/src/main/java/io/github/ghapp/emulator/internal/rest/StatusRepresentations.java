package io.github.ghapp.emulator.internal.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.emulator.internal.Urls;
import io.github.ghapp.emulator.internal.git.CommitLookup;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.state.CommitStatus;
import io.github.ghapp.emulator.internal.state.Repository;

/**
 * GitHub's {@code status}, {@code simple-commit-status} and {@code combined-commit-status}, and the
 * commit and branches a {@code status} webhook carries, shaped after the published schemas.
 */
public final class StatusRepresentations {

  private final Urls urls;
  private final Representations json;
  private final IssueRepresentations users;

  public StatusRepresentations(Urls urls, Representations json, IssueRepresentations users) {
    this.urls = urls;
    this.json = json;
    this.users = users;
  }

  /** {@code status}, as {@code POST /repos/{owner}/{repo}/statuses/{sha}} answers. */
  public ObjectNode status(CommitStatus status, Repository repository) {
    ObjectNode node = simpleStatus(status, repository);
    node.set("creator", users.botUser(status.creator()));
    return node;
  }

  /** {@code simple-commit-status}, as the combined status lists them. */
  ObjectNode simpleStatus(CommitStatus status, Repository repository) {
    ObjectNode node = Json.object();
    node.put("url", urls.api("/repos/" + repository.fullName() + "/statuses/" + status.sha()));
    node.put("avatar_url", urls.web("/avatars/in/" + status.creator().appId() + "?v=4"));
    node.put("id", status.id());
    node.put("node_id", Representations.nodeId("StatusContext", status.id()));
    node.put("state", status.state());
    node.put("description", status.description());
    node.put("target_url", status.targetUrl());
    node.put("context", status.context());
    node.put("created_at", Json.time(status.createdAt()));
    node.put("updated_at", Json.time(status.createdAt()));
    return node;
  }

  /** {@code combined-commit-status}, with the page of contexts the request asked for. */
  ObjectNode combined(
      String state,
      String sha,
      int totalCount,
      Iterable<CommitStatus> page,
      Repository repository) {
    String commit = urls.api("/repos/" + repository.fullName() + "/commits/" + sha);
    ObjectNode node = Json.object();
    node.put("state", state);
    ArrayNode statuses = node.putArray("statuses");
    page.forEach(s -> statuses.add(simpleStatus(s, repository)));
    node.put("sha", sha);
    node.put("total_count", totalCount);
    node.set("repository", json.repository(repository));
    node.put("commit_url", commit);
    node.put("url", commit + "/status");
    return node;
  }

  /**
   * The {@code commit} of a {@code status} webhook. Its {@code author} and {@code committer} are
   * GitHub users matched by email; the emulator has none, so they are null.
   */
  public ObjectNode webhookCommit(CommitLookup.CommitSummary commit, Repository repository) {
    String api = urls.api("/repos/" + repository.fullName());
    String web = urls.web("/" + repository.fullName());
    ObjectNode node = Json.object();
    node.put("sha", commit.sha());
    // GitHub's legacy commit node id: base64 of "06:Commit<repository id>:<sha>"
    node.put(
        "node_id",
        java.util.Base64.getEncoder()
            .encodeToString(
                ("06:Commit" + repository.id() + ":" + commit.sha())
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    ObjectNode inner = node.putObject("commit");
    inner.set("author", person(commit.author()));
    inner.set("committer", person(commit.committer()));
    inner.put("message", commit.message());
    inner
        .putObject("tree")
        .put("sha", commit.treeSha())
        .put("url", api + "/git/trees/" + commit.treeSha());
    inner.put("url", api + "/git/commits/" + commit.sha());
    inner.put("comment_count", 0);
    inner
        .putObject("verification")
        .put("verified", false)
        .put("reason", "unsigned")
        .putNull("signature")
        .putNull("payload")
        .putNull("verified_at");
    node.put("url", api + "/commits/" + commit.sha());
    node.put("html_url", web + "/commit/" + commit.sha());
    node.put("comments_url", api + "/commits/" + commit.sha() + "/comments");
    node.putNull("author");
    node.putNull("committer");
    ArrayNode parents = node.putArray("parents");
    for (String parent : commit.parents()) {
      parents
          .addObject()
          .put("sha", parent)
          .put("url", api + "/commits/" + parent)
          .put("html_url", web + "/commit/" + parent);
    }
    return node;
  }

  /** The {@code branches} of a {@code status} webhook: those whose tip is the commit. */
  public ArrayNode webhookBranches(Iterable<String> names, String sha, Repository repository) {
    ArrayNode branches = Json.array();
    for (String name : names) {
      ObjectNode branch = branches.addObject();
      branch.put("name", name);
      branch
          .putObject("commit")
          .put("sha", sha)
          .put("url", urls.api("/repos/" + repository.fullName() + "/commits/" + sha));
      branch.put("protected", false);
    }
    return branches;
  }

  private static ObjectNode person(CommitLookup.Person person) {
    return Json.object()
        .put("name", person.name())
        .put("email", person.email())
        .put("date", Json.time(person.date()));
  }
}
