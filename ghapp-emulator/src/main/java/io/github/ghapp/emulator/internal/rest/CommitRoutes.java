package io.github.ghapp.emulator.internal.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.emulator.internal.auth.RepositoryAccess;
import io.github.ghapp.emulator.internal.git.GitData;
import io.github.ghapp.emulator.internal.git.GitHistory;
import io.github.ghapp.emulator.internal.http.Access;
import io.github.ghapp.emulator.internal.http.ApiException;
import io.github.ghapp.emulator.internal.http.ApiRequest;
import io.github.ghapp.emulator.internal.http.ApiResponse;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.http.Pagination;
import io.github.ghapp.emulator.internal.http.Router;
import io.github.ghapp.emulator.internal.state.PermissionLevel;
import io.github.ghapp.emulator.internal.state.Repository;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Branches (list, get) and commits (the Git object, and the REST commit with the files it changed).
 * All need {@code contents: read}. No branch is protected in the emulator.
 */
final class CommitRoutes {

  private static final String BRANCH_DOCS = "https://docs.github.com/rest/branches/branches";
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{4,40}");

  private final RepositoryAccess repositoryAccess;
  private final GitData git;
  private final GitRepresentations json;

  private CommitRoutes(RepositoryAccess repositoryAccess, GitData git, GitRepresentations json) {
    this.repositoryAccess = repositoryAccess;
    this.git = git;
    this.json = json;
  }

  static void register(
      Router router, RepositoryAccess repositoryAccess, GitData git, GitRepresentations json) {
    CommitRoutes routes = new CommitRoutes(repositoryAccess, git, json);
    router
        .rest(
            "GET",
            "/repos/{owner}/{repo}/branches",
            Access.INSTALLATION_OR_ANONYMOUS,
            BRANCH_DOCS + "#list-branches",
            routes::branches)
        .rest(
            "GET",
            "/repos/{owner}/{repo}/branches/{branch}",
            Access.INSTALLATION_OR_ANONYMOUS,
            BRANCH_DOCS + "#get-a-branch",
            routes::branch)
        .rest(
            "GET",
            "/repos/{owner}/{repo}/git/commits/{commit_sha}",
            Access.INSTALLATION_OR_ANONYMOUS,
            "https://docs.github.com/rest/git/commits#get-a-commit-object",
            routes::gitCommit)
        .rest(
            "GET",
            "/repos/{owner}/{repo}/commits/{ref}",
            Access.INSTALLATION_OR_ANONYMOUS,
            "https://docs.github.com/rest/commits/commits#get-a-commit",
            routes::commit);
  }

  /** In name order, paginated; {@code protected=true} lists none. */
  private ApiResponse branches(ApiRequest request) {
    Repository repository = repository(request);
    List<Ref> heads =
        request.query("protected").filter("true"::equals).isPresent()
            ? List.of()
            : git.refs(repository, "refs/heads/");
    Pagination pagination = Pagination.of(request);
    ArrayNode page = Json.array();
    for (Ref head : pagination.slice(heads)) {
      page.add(
          json.shortBranch(
              repository, head.getName().substring("refs/heads/".length()), head.getObjectId()));
    }
    return pagination.link(ApiResponse.ok(page), request, heads.size());
  }

  private ApiResponse branch(ApiRequest request) {
    Repository repository = repository(request);
    String name = request.param("branch");
    RevCommit head =
        git.commit(repository, "refs/heads/" + name)
            .orElseThrow(() -> ApiException.of(404, "Branch not found"));
    return ApiResponse.ok(json.branch(repository, name, json.commit(repository, head)));
  }

  /** A commit SHA only, full or abbreviated. */
  private ApiResponse gitCommit(ApiRequest request) {
    Repository repository = repository(request);
    String sha = request.param("commit_sha");
    RevCommit commit =
        HEX.matcher(sha).matches() // a branch name is not a commit object's name
            ? git.commit(repository, sha).orElseThrow(ApiException::notFound)
            : null;
    if (commit == null) {
      throw ApiException.notFound();
    }
    return ApiResponse.ok(json.gitCommit(repository, commit));
  }

  /** A SHA, branch or tag; with the files it changed against its first parent and their sums. */
  private ApiResponse commit(ApiRequest request) {
    Repository repository = repository(request);
    String ref = request.param("ref");
    RevCommit commit =
        git.commit(repository, ref)
            .orElseThrow(() -> ApiException.of(422, "No commit found for SHA: " + ref));
    ObjectNode node = json.commit(repository, commit);
    int additions = 0;
    int deletions = 0;
    ArrayNode files = Json.array();
    for (GitHistory.Changed changed : GitHistory.changes(repository, commit)) {
      additions += changed.additions();
      deletions += changed.deletions();
      files.add(json.diffEntry(repository, commit, changed));
    }
    node.putObject("stats")
        .put("total", additions + deletions)
        .put("additions", additions)
        .put("deletions", deletions);
    node.set("files", files);
    return ApiResponse.ok(node);
  }

  private Repository repository(ApiRequest request) {
    return RouteLookups.repository(repositoryAccess, request, PermissionLevel.READ);
  }
}
