package io.github.ghapp.emulator.internal.rest;

import io.github.ghapp.emulator.internal.Administration;
import io.github.ghapp.emulator.internal.EmulatorTime;
import io.github.ghapp.emulator.internal.FaultState;
import io.github.ghapp.emulator.internal.Urls;
import io.github.ghapp.emulator.internal.auth.RepositoryAccess;
import io.github.ghapp.emulator.internal.auth.TokenRegistry;
import io.github.ghapp.emulator.internal.http.RateLimiter;
import io.github.ghapp.emulator.internal.http.RequestLog;
import io.github.ghapp.emulator.internal.http.Router;
import io.github.ghapp.emulator.internal.state.Checks;
import io.github.ghapp.emulator.internal.state.CommitStatuses;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import io.github.ghapp.emulator.internal.state.Issues;

/**
 * Builds the route table the front door looks requests up in, one line per group of routes, each
 * given only what it reads. Routes are tried in registration order, so more specific ones come
 * first. A new group registers itself here the same way, with {@link Router#rest} for paths under
 * the REST root or {@link Router#add} for others.
 */
public final class RestApi {

  private final Router router;
  private final EmulatorState state;
  private final Urls urls;
  private final Representations json;

  /** An empty table for REST routes under {@code urls.restPrefix()}. */
  public RestApi(Urls urls, EmulatorState state) {
    this.router = new Router(urls.restPrefix());
    this.state = state;
    this.urls = urls;
    this.json = new Representations(state, urls);
  }

  /** GitHub's own routes. */
  public RestApi addGitHubRoutes(
      Issues issues,
      TokenRegistry tokens,
      RepositoryAccess repositoryAccess,
      RateLimiter rateLimits,
      Administration admin,
      FaultState faults) {
    AppRoutes.register(router, state, json);
    AppHookRoutes.register(router, admin);
    AccessTokenRoute.register(router, state, tokens, faults, json);
    InstallationRoutes.register(router, repositoryAccess, tokens, json);
    RepositoryRoutes.register(router, repositoryAccess, json);
    GitRoutes.register(router, state, urls, repositoryAccess, json);
    IssueRepresentations issueJson = new IssueRepresentations(state, urls, json);
    IssueLookup issueLookup = new IssueLookup(state, repositoryAccess, issues);
    IssueRoutes.register(router, issueLookup, issueJson);
    IssueUpdateRoute.register(router, issueLookup, issueJson);
    LabelRoutes.register(router, issueLookup, issueJson);
    PullRequestRepresentations pullJson = new PullRequestRepresentations(urls, json, issueJson);
    PullRequestRoutes.register(router, issueLookup, pullJson);
    PullRequestMergeRoutes.register(router, issueLookup, pullJson, urls);
    PullRequestReviewRoutes.register(
        router, issueLookup, pullJson, new ReviewRepresentations(urls, issueJson));
    UserRoutes.register(router, state, json, issueJson);
    MetaRoutes.register(router, rateLimits);
    return this;
  }

  /** Check runs, check suites (which list their pull requests) and commit statuses. */
  public RestApi addCheckRoutes(
      Checks checks, CommitStatuses statuses, Issues issues, RepositoryAccess repositoryAccess) {
    IssueRepresentations issueJson = new IssueRepresentations(state, urls, json);
    CheckRepresentations checkJson =
        new CheckRepresentations(
            state,
            urls,
            json,
            checks,
            issues.pullRequests(),
            new PullRequestRepresentations(urls, json, issueJson));
    StatusRepresentations statusJson = new StatusRepresentations(urls, json, issueJson);
    StatusRoutes.register(router, state, repositoryAccess, statuses, statusJson);
    CheckRunRoutes runs =
        CheckRunRoutes.register(router, state, repositoryAccess, checks, checkJson);
    CheckSuiteRoutes.register(router, state, repositoryAccess, checks, checkJson, runs);
    return this;
  }

  /** The emulator's own {@code /_emulator/} API, served at the front door's side entrance. */
  public RestApi addAdminRoutes(
      Administration admin, EmulatorTime time, FaultState faults, RequestLog requestLog) {
    AdminRoutes.register(router, state, admin, time, faults, requestLog, json);
    return this;
  }

  public Router router() {
    return router;
  }
}
