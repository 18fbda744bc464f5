package io.github.ghapp.emulator.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.emulator.internal.Urls;
import io.github.ghapp.emulator.internal.git.PullRequestGit;
import io.github.ghapp.emulator.internal.http.Access;
import io.github.ghapp.emulator.internal.http.ApiException;
import io.github.ghapp.emulator.internal.http.ApiRequest;
import io.github.ghapp.emulator.internal.http.ApiResponse;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.http.Pagination;
import io.github.ghapp.emulator.internal.http.Router;
import io.github.ghapp.emulator.internal.state.BotUser;
import io.github.ghapp.emulator.internal.state.Issue;
import io.github.ghapp.emulator.internal.state.IssueState;
import io.github.ghapp.emulator.internal.state.PermissionLevel;
import io.github.ghapp.emulator.internal.state.PullRequest;
import io.github.ghapp.emulator.internal.state.RefUpdate;
import io.github.ghapp.emulator.internal.state.Repository;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A pull request's files and commits, and merging it ({@code PUT .../merge}, which GitHub's table
 * gates on {@code contents: write}): a real merge commit on the base branch of the bare repository,
 * or a squashed commit, or the head's commits rebased, as {@code merge_method} says. {@code 405
 * Pull Request is not mergeable} when it is closed or its changes conflict, {@code 409} when {@code
 * sha} is not the head. {@code GET .../merge} is 204 once merged, else 404.
 */
final class PullRequestMergeRoutes {

  private static final Set<String> METHODS = Set.of("merge", "squash", "rebase");

  private final IssueLookup lookup;
  private final PullRequestRoutes pulls;
  private final Urls urls;

  /** One merge at a time, so that two requests cannot both merge one pull request. */
  private final Object merging = new Object();

  private PullRequestMergeRoutes(IssueLookup lookup, PullRequestRoutes pulls, Urls urls) {
    this.lookup = lookup;
    this.pulls = pulls;
    this.urls = urls;
  }

  static void register(
      Router router, IssueLookup lookup, PullRequestRepresentations json, Urls urls) {
    PullRequestMergeRoutes routes =
        new PullRequestMergeRoutes(lookup, PullRequestRoutes.forMerge(lookup, json), urls);
    String pull = "/repos/{owner}/{repo}/pulls/{pull_number}";
    String docs = PullRequestRoutes.DOCS;
    router
        .rest(
            "GET",
            pull + "/files",
            Access.INSTALLATION_OR_ANONYMOUS,
            docs + "#list-pull-requests-files",
            routes::files)
        .rest(
            "GET",
            pull + "/commits",
            Access.INSTALLATION_OR_ANONYMOUS,
            docs + "#list-commits-on-a-pull-request",
            routes::commits)
        .rest(
            "GET",
            pull + "/merge",
            Access.INSTALLATION_OR_ANONYMOUS,
            docs + "#check-if-a-pull-request-has-been-merged",
            routes::isMerged)
        .rest(
            "PUT",
            pull + "/merge",
            Access.INSTALLATION,
            docs + "#merge-a-pull-request",
            routes::merge);
  }

  private ApiResponse files(ApiRequest request) {
    Repository repository = lookup.repository(request, PermissionLevel.READ);
    PullRequest pull = pulls.pull(request, repository);
    List<PullRequestGit.FileChange> files;
    try (PullRequestGit git = PullRequestGit.open(repository.gitDirectory())) {
      files = git.files(pull.baseSha(), pull.headSha());
    }
    Pagination pagination = Pagination.of(request);
    ArrayNode page = Json.array();
    for (PullRequestGit.FileChange file : pagination.slice(files)) {
      String path = file.filename();
      ObjectNode node = page.addObject();
      node.put("sha", file.blobSha());
      node.put("filename", path);
      node.put("status", file.status());
      node.put("additions", file.additions());
      node.put("deletions", file.deletions());
      node.put("changes", file.additions() + file.deletions());
      String web = urls.web("/" + repository.fullName());
      node.put("blob_url", web + "/blob/" + pull.headSha() + "/" + path);
      node.put("raw_url", web + "/raw/" + pull.headSha() + "/" + path);
      node.put(
          "contents_url",
          urls.api(
              "/repos/" + repository.fullName() + "/contents/" + path + "?ref=" + pull.headSha()));
      if (file.patch() != null) {
        node.put("patch", file.patch());
      }
      if (file.previousFilename() != null) {
        node.put("previous_filename", file.previousFilename());
      }
    }
    return pagination.link(ApiResponse.ok(page), request, files.size());
  }

  private ApiResponse commits(ApiRequest request) {
    Repository repository = lookup.repository(request, PermissionLevel.READ);
    PullRequest pull = pulls.pull(request, repository);
    List<RevCommit> commits;
    try (PullRequestGit git = PullRequestGit.open(repository.gitDirectory())) {
      commits = git.commits(pull.baseSha(), pull.headSha());
    }
    Pagination pagination = Pagination.of(request);
    ArrayNode page = Json.array();
    pagination.slice(commits).forEach(c -> page.add(commit(c, repository)));
    return pagination.link(ApiResponse.ok(page), request, commits.size());
  }

  private ApiResponse isMerged(ApiRequest request) {
    Repository repository = lookup.repository(request, PermissionLevel.READ);
    if (!pulls.pull(request, repository).merged()) {
      throw ApiException.notFound();
    }
    return ApiResponse.noContent();
  }

  private ApiResponse merge(ApiRequest request) {
    Repository repository = lookup.repository(request, PermissionLevel.WRITE);
    JsonNode body = request.jsonBody();
    String method = IssueLookup.text(body, "merge_method");
    method = method == null ? "merge" : method;
    if (!METHODS.contains(method)) {
      throw ApiException.of(
          422,
          "Invalid request.\n\nFor 'properties/merge_method', \""
              + method
              + "\" is not one of [\"merge\", \"squash\", \"rebase\"].");
    }
    String expectedHead = IssueLookup.text(body, "sha");
    String title = IssueLookup.text(body, "commit_title");
    String message = IssueLookup.text(body, "commit_message");
    BotUser actor = lookup.actor(request);
    synchronized (merging) {
      PullRequest pull = pulls.pull(request, repository);
      Issue issue = lookup.issues.issue(repository.id(), pull.number()).orElseThrow();
      try (PullRequestGit git = PullRequestGit.open(repository.gitDirectory())) {
        Optional<String> head = git.branch(pull.headRef());
        Optional<String> base = git.branch(pull.baseRef());
        // GitHub documents 405 for "cannot be merged"; that a closed or merged one, or one whose
        // branch is gone, gets exactly this answer is unconfirmed
        if (pull.merged() || issue.state() != IssueState.OPEN || head.isEmpty() || base.isEmpty()) {
          throw notMergeable();
        }
        if (expectedHead != null && !expectedHead.equals(head.get())) {
          throw ApiException.of(409, "Head branch was modified. Review and try the merge again.");
        }
        String sha;
        try {
          sha =
              git.merge(
                  method,
                  pull.baseRef(),
                  base.get(),
                  head.get(),
                  message(method, title, message, pull, issue, repository, git, base.get()),
                  ident(actor, request),
                  request.now());
        } catch (PullRequestGit.Refused refused) {
          if (refused.conflict()) {
            throw notMergeable();
          }
          // the base moved while merging: GitHub's wording for it is unconfirmed
          throw ApiException.of(409, "Base branch was modified. Review and try the merge again.");
        }
        String headSha = head.get();
        lookup
            .issues
            .pullRequests()
            .update(
                repository,
                pull.number(),
                actor,
                i -> i.merged(actor, request.now()),
                p -> p.withHead(headSha).mergedAs(sha, base.get(), actor));
        lookup.state.refUpdated(
            new RefUpdate(
                repository,
                "refs/heads/" + pull.baseRef(),
                ObjectId.fromString(base.get()),
                ObjectId.fromString(sha),
                false,
                actor,
                request.installation().installation().id(),
                RefUpdate.Via.REST,
                request.now()));
        ObjectNode answer = Json.object();
        answer.put("sha", sha);
        answer.put("merged", true);
        answer.put("message", "Pull Request successfully merged");
        return ApiResponse.ok(answer);
      }
    }
  }

  /**
   * GitHub's default messages: {@code Merge pull request #N from owner/branch} with the title
   * below; a squash titled {@code Title (#N)} listing the commits; each given part replaces its
   * default.
   */
  private static String message(
      String method,
      String title,
      String message,
      PullRequest pull,
      Issue issue,
      Repository repository,
      PullRequestGit git,
      String base) {
    String defaultTitle;
    String defaultMessage;
    if (method.equals("squash")) {
      defaultTitle = issue.title() + " (#" + pull.number() + ")";
      StringBuilder list = new StringBuilder();
      for (RevCommit commit : git.commits(base, pull.headSha())) {
        list.append(list.length() == 0 ? "" : "\n\n").append("* ").append(commit.getShortMessage());
      }
      defaultMessage = list.toString();
    } else {
      defaultTitle =
          "Merge pull request #"
              + pull.number()
              + " from "
              + repository.owner().login()
              + "/"
              + pull.headRef();
      defaultMessage = issue.title();
    }
    String whole =
        (title != null ? title : defaultTitle)
            + "\n\n"
            + (message != null ? message : defaultMessage);
    return whole.stripTrailing() + "\n";
  }

  /** GitHub writes an app's merge as its bot, {@code <id>+<slug>[bot]@users.noreply.github.com}. */
  private static PersonIdent ident(BotUser bot, ApiRequest request) {
    return new PersonIdent(
        bot.login(),
        bot.id() + "+" + bot.login() + "@users.noreply.github.com",
        request.now(),
        ZoneOffset.UTC);
  }

  private static ApiException notMergeable() {
    return ApiException.of(405, "Pull Request is not mergeable");
  }

  /** GitHub's {@code commit}; the authors are Git identities, not GitHub users here (null). */
  private ObjectNode commit(RevCommit commit, Repository repository) {
    String sha = commit.name();
    String api = urls.api("/repos/" + repository.fullName());
    String web = urls.web("/" + repository.fullName());
    ObjectNode node = Json.object();
    node.put("url", api + "/commits/" + sha);
    node.put("sha", sha);
    node.put(
        "node_id",
        Base64.getEncoder()
            .encodeToString(
                ("06:Commit" + repository.id() + ":" + sha).getBytes(StandardCharsets.US_ASCII)));
    node.put("html_url", web + "/commit/" + sha);
    node.put("comments_url", api + "/commits/" + sha + "/comments");
    ObjectNode git = node.putObject("commit");
    git.put("url", api + "/git/commits/" + sha);
    git.set("author", person(commit.getAuthorIdent()));
    git.set("committer", person(commit.getCommitterIdent()));
    git.put("message", commit.getFullMessage().stripTrailing());
    git.put("comment_count", 0);
    git.putObject("tree")
        .put("sha", commit.getTree().name())
        .put("url", api + "/git/trees/" + commit.getTree().name());
    ObjectNode verification = git.putObject("verification");
    verification.put("verified", false);
    verification.put("reason", "unsigned");
    verification.putNull("signature");
    verification.putNull("payload");
    verification.putNull("verified_at");
    node.putNull("author");
    node.putNull("committer");
    ArrayNode parents = node.putArray("parents");
    for (RevCommit parent : commit.getParents()) {
      parents
          .addObject()
          .put("sha", parent.name())
          .put("url", api + "/commits/" + parent.name())
          .put("html_url", web + "/commit/" + parent.name());
    }
    return node;
  }

  private static ObjectNode person(PersonIdent ident) {
    return Json.object()
        .put("name", ident.getName())
        .put("email", ident.getEmailAddress())
        .put("date", Json.time(ident.getWhenAsInstant()));
  }
}
