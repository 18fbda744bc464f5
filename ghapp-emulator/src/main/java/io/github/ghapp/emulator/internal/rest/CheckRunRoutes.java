package io.github.ghapp.emulator.internal.rest;

import io.github.ghapp.emulator.internal.auth.RepositoryAccess;
import io.github.ghapp.emulator.internal.git.CommitLookup;
import io.github.ghapp.emulator.internal.http.Access;
import io.github.ghapp.emulator.internal.http.ApiException;
import io.github.ghapp.emulator.internal.http.ApiRequest;
import io.github.ghapp.emulator.internal.http.ApiResponse;
import io.github.ghapp.emulator.internal.http.Pagination;
import io.github.ghapp.emulator.internal.http.Router;
import io.github.ghapp.emulator.internal.state.App;
import io.github.ghapp.emulator.internal.state.CheckRun;
import io.github.ghapp.emulator.internal.state.CheckRunChange;
import io.github.ghapp.emulator.internal.state.Checks;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import io.github.ghapp.emulator.internal.state.PermissionLevel;
import io.github.ghapp.emulator.internal.state.Repository;
import java.util.List;
import java.util.Optional;

/**
 * Check runs: create one on a commit of the repository, update it, read it, list a ref's. Only
 * GitHub Apps report checks, so writes take an installation token ({@link Access#INSTALLATION});
 * the permission gate asks {@code checks: write} for them and {@code checks: read} for reads. A run
 * belongs to the app that made it: another app may read it but not update it (GitHub's 403).
 */
final class CheckRunRoutes {

  static final String DOCS = "https://docs.github.com/rest/checks/runs";

  private final EmulatorState state;
  private final RepositoryAccess repositoryAccess;
  private final Checks checks;
  private final CheckRepresentations json;

  private CheckRunRoutes(
      EmulatorState state,
      RepositoryAccess repositoryAccess,
      Checks checks,
      CheckRepresentations json) {
    this.state = state;
    this.repositoryAccess = repositoryAccess;
    this.checks = checks;
    this.json = json;
  }

  static CheckRunRoutes register(
      Router router,
      EmulatorState state,
      RepositoryAccess repositoryAccess,
      Checks checks,
      CheckRepresentations json) {
    CheckRunRoutes routes = new CheckRunRoutes(state, repositoryAccess, checks, json);
    router
        .rest(
            "POST",
            "/repos/{owner}/{repo}/check-runs",
            Access.INSTALLATION,
            DOCS + "#create-a-check-run",
            routes::create)
        .rest(
            "GET",
            "/repos/{owner}/{repo}/check-runs/{check_run_id}",
            Access.INSTALLATION_OR_ANONYMOUS,
            DOCS + "#get-a-check-run",
            routes::get)
        .rest(
            "PATCH",
            "/repos/{owner}/{repo}/check-runs/{check_run_id}",
            Access.INSTALLATION,
            DOCS + "#update-a-check-run",
            routes::update)
        .rest(
            "GET",
            "/repos/{owner}/{repo}/commits/{ref}/check-runs",
            Access.INSTALLATION_OR_ANONYMOUS,
            DOCS + "#list-check-runs-for-a-git-reference",
            routes::listForRef);
    return routes;
  }

  /**
   * The run joins the app's suite for {@code head_sha}, made now if there is none; its head branch
   * is a branch whose tip the commit is, if any (unconfirmed: GitHub may take it from the push).
   */
  private ApiResponse create(ApiRequest request) {
    Repository repository = repository(request, PermissionLevel.WRITE);
    CheckRunInput.Create input = CheckRunInput.forCreate(request.jsonBody());
    CommitLookup.CommitSummary commit = commit(repository, input.headSha());
    String branch =
        CommitLookup.branchesAt(repository, commit.sha()).stream().findFirst().orElse(null);
    CheckRun run =
        checks.createRun(
            repository, callerApp(request), commit.sha(), branch, input.change(), request.now());
    return ApiResponse.json(201, json.checkRun(run, repository));
  }

  private ApiResponse get(ApiRequest request) {
    Repository repository = repository(request, PermissionLevel.READ);
    return ApiResponse.ok(json.checkRun(run(request, repository), repository));
  }

  private ApiResponse update(ApiRequest request) {
    Repository repository = repository(request, PermissionLevel.WRITE);
    CheckRunChange change = CheckRunInput.forUpdate(request.jsonBody());
    CheckRun run = run(request, repository);
    App caller = callerApp(request);
    if (run.appId() != caller.id()) {
      // GitHub's words (observed); the id is that of the app that made the run
      throw ApiException.of(
          403,
          "Invalid app_id `"
              + run.appId()
              + "` - check run can only be modified by the GitHub App that created it.");
    }
    CheckRun updated = checks.updateRun(repository, run.id(), change, request.now());
    return ApiResponse.ok(json.checkRun(updated, repository));
  }

  /**
   * {@code check_name}, {@code status}, {@code app_id} filter; {@code filter=latest} (the default)
   * keeps each suite's newest run of a name, {@code all} every run. Newest first (unconfirmed:
   * GitHub documents no order).
   */
  private ApiResponse listForRef(ApiRequest request) {
    Repository repository = repository(request, PermissionLevel.READ);
    CommitLookup.CommitSummary commit = ref(repository, request.param("ref"));
    Optional<String> appId = request.query("app_id");
    List<CheckRun> wanted =
        kept(request, checks.runsOn(repository.id(), commit.sha())).stream()
            .filter(r -> appId.map(Long.toString(r.appId())::equals).orElse(true))
            .toList();
    return page(request, wanted, repository);
  }

  /**
   * The runs a listing keeps of {@code runs}: {@code filter=latest} (the default) each suite's
   * newest run of a name, {@code all} every one; {@code check_name} and {@code status} filter.
   * Shared with the suite's run listing.
   */
  static List<CheckRun> kept(ApiRequest request, List<CheckRun> runs) {
    if (!request.query("filter").orElse("latest").equals("all")) {
      runs = Checks.latestByName(runs);
    }
    Optional<String> name = request.query("check_name");
    Optional<String> status = request.query("status");
    return runs.stream()
        .filter(r -> name.map(r.name()::equals).orElse(true))
        .filter(r -> status.map(r.status()::equals).orElse(true))
        .toList();
  }

  /** {@code {total_count, check_runs}}, paginated; shared with the suite's run listing. */
  ApiResponse page(ApiRequest request, List<CheckRun> runs, Repository repository) {
    return Pagination.counted(request, runs, "check_runs", r -> json.checkRun(r, repository));
  }

  private Repository repository(ApiRequest request, PermissionLevel level) {
    return RouteLookups.repository(repositoryAccess, request, level);
  }

  private CheckRun run(ApiRequest request, Repository repository) {
    return checks
        .run(repository.id(), request.longParam("check_run_id"))
        .orElseThrow(ApiException::notFound);
  }

  /** Writes are routed for installation tokens only, so there is an app. */
  private App callerApp(ApiRequest request) {
    return RouteLookups.callerApp(state, request);
  }

  /**
   * A commit named by its full SHA, or GitHub's 422 (observed for statuses and ref listings). An
   * abbreviated SHA names none here (unconfirmed: GitHub may accept one).
   */
  static CommitLookup.CommitSummary commit(Repository repository, String sha) {
    return CommitLookup.commit(repository, sha).orElseThrow(() -> noCommit(sha));
  }

  /**
   * The commit a ref names, or GitHub's 422 (observed for a SHA; assumed the same for a branch or
   * tag that does not exist).
   */
  static CommitLookup.CommitSummary ref(Repository repository, String ref) {
    return CommitLookup.resolve(repository, ref).orElseThrow(() -> noCommit(ref));
  }

  private static ApiException noCommit(String ref) {
    return ApiException.of(422, "No commit found for SHA: " + ref);
  }
}
