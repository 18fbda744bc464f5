package io.github.ghapp.emulator.internal.rest;

import io.github.ghapp.emulator.internal.auth.RepositoryAccess;
import io.github.ghapp.emulator.internal.git.CommitLookup;
import io.github.ghapp.emulator.internal.http.Access;
import io.github.ghapp.emulator.internal.http.ApiException;
import io.github.ghapp.emulator.internal.http.ApiRequest;
import io.github.ghapp.emulator.internal.http.ApiResponse;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.http.Pagination;
import io.github.ghapp.emulator.internal.http.Router;
import io.github.ghapp.emulator.internal.state.App;
import io.github.ghapp.emulator.internal.state.BotUser;
import io.github.ghapp.emulator.internal.state.CheckRun;
import io.github.ghapp.emulator.internal.state.CheckSuite;
import io.github.ghapp.emulator.internal.state.Checks;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import io.github.ghapp.emulator.internal.state.PermissionLevel;
import io.github.ghapp.emulator.internal.state.Repository;
import java.util.List;
import java.util.Optional;

/**
 * Check suites: read one, list a ref's, list a suite's runs, make one by hand, rerequest one. A
 * suite's status and conclusion follow its runs ({@link Checks#summary}). Writes take an
 * installation token and {@code checks: write}, reads {@code checks: read}, as for runs.
 */
final class CheckSuiteRoutes {

  static final String DOCS = "https://docs.github.com/rest/checks/suites";

  private final EmulatorState state;
  private final RepositoryAccess repositoryAccess;
  private final Checks checks;
  private final CheckRepresentations json;
  private final CheckRunRoutes runs;

  private CheckSuiteRoutes(
      EmulatorState state,
      RepositoryAccess repositoryAccess,
      Checks checks,
      CheckRepresentations json,
      CheckRunRoutes runs) {
    this.state = state;
    this.repositoryAccess = repositoryAccess;
    this.checks = checks;
    this.json = json;
    this.runs = runs;
  }

  static void register(
      Router router,
      EmulatorState state,
      RepositoryAccess repositoryAccess,
      Checks checks,
      CheckRepresentations json,
      CheckRunRoutes runs) {
    CheckSuiteRoutes routes = new CheckSuiteRoutes(state, repositoryAccess, checks, json, runs);
    router
        .rest(
            "POST",
            "/repos/{owner}/{repo}/check-suites",
            Access.INSTALLATION,
            DOCS + "#create-a-check-suite",
            routes::create)
        .rest(
            "GET",
            "/repos/{owner}/{repo}/check-suites/{check_suite_id}",
            Access.INSTALLATION_OR_ANONYMOUS,
            DOCS + "#get-a-check-suite",
            routes::get)
        .rest(
            "GET",
            "/repos/{owner}/{repo}/check-suites/{check_suite_id}/check-runs",
            Access.INSTALLATION_OR_ANONYMOUS,
            CheckRunRoutes.DOCS + "#list-check-runs-in-a-check-suite",
            routes::runs)
        .rest(
            "POST",
            "/repos/{owner}/{repo}/check-suites/{check_suite_id}/rerequest",
            Access.INSTALLATION,
            DOCS + "#rerequest-a-check-suite",
            routes::rerequest)
        .rest(
            "GET",
            "/repos/{owner}/{repo}/commits/{ref}/check-suites",
            Access.INSTALLATION_OR_ANONYMOUS,
            DOCS + "#list-check-suites-for-a-git-reference",
            routes::listForRef);
  }

  /**
   * {@code 201} with a new suite of the caller's app, or {@code 200} with the one it already has
   * for the commit, as GitHub documents. No webhook: a suite made this way is the app's own doing.
   */
  private ApiResponse create(ApiRequest request) {
    Repository repository = repository(request, PermissionLevel.WRITE);
    CommitLookup.CommitSummary commit =
        CheckRunRoutes.commit(repository, BodyFields.requiredText(request.jsonBody(), "head_sha"));
    String branch =
        CommitLookup.branchesAt(repository, commit.sha()).stream().findFirst().orElse(null);
    Checks.SuiteFound found =
        checks.createSuite(
            repository, callerApp(request).id(), commit.sha(), branch, request.now());
    return ApiResponse.json(
        found.created() ? 201 : 200, json.checkSuite(found.suite(), repository));
  }

  private ApiResponse get(ApiRequest request) {
    Repository repository = repository(request, PermissionLevel.READ);
    return ApiResponse.ok(json.checkSuite(suite(request, repository), repository));
  }

  /** As the ref listing of runs: {@code check_name}, {@code status}, {@code filter}. */
  private ApiResponse runs(ApiRequest request) {
    Repository repository = repository(request, PermissionLevel.READ);
    List<CheckRun> all = checks.runsOf(suite(request, repository));
    return runs.page(request, CheckRunRoutes.kept(request, all), repository);
  }

  /**
   * {@code 201 {}}; the suite goes back to queued and its app gets {@code check_suite rerequested}.
   * Any app with {@code checks: write} may ask (unconfirmed: GitHub may limit it).
   */
  private ApiResponse rerequest(ApiRequest request) {
    Repository repository = repository(request, PermissionLevel.WRITE);
    CheckSuite suite = suite(request, repository);
    checks.rerequest(repository, suite.id(), BotUser.of(callerApp(request)), request.now());
    return ApiResponse.json(201, Json.object());
  }

  /** {@code app_id} and {@code check_name} (suites with a run of that name) filter. */
  private ApiResponse listForRef(ApiRequest request) {
    Repository repository = repository(request, PermissionLevel.READ);
    CommitLookup.CommitSummary commit = CheckRunRoutes.ref(repository, request.param("ref"));
    Optional<String> appId = request.query("app_id");
    Optional<String> name = request.query("check_name");
    List<CheckSuite> suites =
        checks.suitesOn(repository.id(), commit.sha()).stream()
            .filter(s -> appId.map(Long.toString(s.appId())::equals).orElse(true))
            .filter(
                s ->
                    name.map(n -> checks.runsOf(s).stream().anyMatch(r -> r.name().equals(n)))
                        .orElse(true))
            .toList();
    return Pagination.counted(request, suites, "check_suites", s -> json.checkSuite(s, repository));
  }

  private Repository repository(ApiRequest request, PermissionLevel level) {
    return RouteLookups.repository(repositoryAccess, request, level);
  }

  private CheckSuite suite(ApiRequest request, Repository repository) {
    return checks
        .suite(repository.id(), request.longParam("check_suite_id"))
        .orElseThrow(ApiException::notFound);
  }

  private App callerApp(ApiRequest request) {
    return RouteLookups.callerApp(state, request);
  }
}
