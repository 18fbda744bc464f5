package io.github.ghapp.emulator.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import io.github.ghapp.emulator.internal.state.CommitStatus;
import io.github.ghapp.emulator.internal.state.CommitStatuses;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import io.github.ghapp.emulator.internal.state.PermissionLevel;
import io.github.ghapp.emulator.internal.state.Repository;
import java.util.List;

/**
 * Commit statuses: create one on a commit, list a ref's, and the combined status. Creating needs
 * {@code statuses: write}, reading {@code statuses: read}; an app's statuses are written by its bot
 * user. GitHub's answers, as observed: {@code 422 No commit found for SHA: ...} for a SHA the
 * repository lacks (checked first), {@code 422 Validation Failed} with a {@code custom} error for a
 * missing or unknown state and a {@code missing_field} error for an empty context; the context
 * defaults to {@code default}.
 */
final class StatusRoutes {

  static final String DOCS = "https://docs.github.com/rest/commits/statuses";
  static final List<String> STATES = List.of("error", "failure", "pending", "success");

  private final EmulatorState state;
  private final RepositoryAccess repositoryAccess;
  private final CommitStatuses statuses;
  private final StatusRepresentations json;

  private StatusRoutes(
      EmulatorState state,
      RepositoryAccess repositoryAccess,
      CommitStatuses statuses,
      StatusRepresentations json) {
    this.state = state;
    this.repositoryAccess = repositoryAccess;
    this.statuses = statuses;
    this.json = json;
  }

  static void register(
      Router router,
      EmulatorState state,
      RepositoryAccess repositoryAccess,
      CommitStatuses statuses,
      StatusRepresentations json) {
    StatusRoutes routes = new StatusRoutes(state, repositoryAccess, statuses, json);
    router
        .rest(
            "POST",
            "/repos/{owner}/{repo}/statuses/{sha}",
            Access.INSTALLATION,
            DOCS + "#create-a-commit-status",
            routes::create)
        .rest(
            "GET",
            "/repos/{owner}/{repo}/commits/{ref}/statuses",
            Access.INSTALLATION_OR_ANONYMOUS,
            DOCS + "#list-commit-statuses-for-a-reference",
            routes::list)
        .rest(
            "GET",
            "/repos/{owner}/{repo}/commits/{ref}/status",
            Access.INSTALLATION_OR_ANONYMOUS,
            DOCS + "#get-the-combined-status-for-a-specific-reference",
            routes::combined);
  }

  /** {@code 201} with the status and, as for issues, its URL in {@code Location} (unconfirmed). */
  private ApiResponse create(ApiRequest request) {
    Repository repository = repository(request, PermissionLevel.WRITE);
    CommitLookup.CommitSummary commit = CheckRunRoutes.commit(repository, request.param("sha"));
    JsonNode body = request.jsonBody();
    String status = text(body, "state");
    if (status == null || !STATES.contains(status)) {
      throw invalid("custom", "state", "state is not included in the list");
    }
    String context = body.has("context") ? text(body, "context") : "default";
    if (context == null || context.isEmpty()) {
      throw invalid("missing_field", "context", null);
    }
    CommitStatus created =
        statuses.create(
            repository,
            commit.sha(),
            status,
            text(body, "target_url"),
            text(body, "description"),
            context,
            BotUser.of(callerApp(request)),
            request.now());
    if (created == null) {
      // the limit is documented; GitHub's wording of it is unconfirmed
      throw invalid(
          "custom", "context", "This SHA and context has reached the maximum number of statuses.");
    }
    return ApiResponse.json(201, json.status(created, repository))
        .header("Location", json.status(created, repository).get("url").asText());
  }

  /** Newest first, paginated. */
  private ApiResponse list(ApiRequest request) {
    Repository repository = repository(request, PermissionLevel.READ);
    CommitLookup.CommitSummary commit = CheckRunRoutes.ref(repository, request.param("ref"));
    List<CommitStatus> all = statuses.on(repository.id(), commit.sha());
    Pagination pagination = Pagination.of(request);
    ArrayNode page = Json.array();
    pagination.slice(all).forEach(s -> page.add(json.status(s, repository)));
    return pagination.link(ApiResponse.ok(page), request, all.size());
  }

  /** The combined state over every context; the contexts listed are paginated. */
  private ApiResponse combined(ApiRequest request) {
    Repository repository = repository(request, PermissionLevel.READ);
    CommitLookup.CommitSummary commit = CheckRunRoutes.ref(repository, request.param("ref"));
    List<CommitStatus> latest = statuses.latestPerContext(repository.id(), commit.sha());
    Pagination pagination = Pagination.of(request);
    return pagination.link(
        ApiResponse.ok(
            json.combined(
                CommitStatuses.combinedState(latest),
                commit.sha(),
                latest.size(),
                pagination.slice(latest),
                repository)),
        request,
        latest.size());
  }

  /** A string field; anything else, null included, counts as not given. */
  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  /** GitHub's {@code Validation Failed} with one error about a Status field. */
  private static ApiException invalid(String code, String field, String message) {
    ArrayNode errors = Json.array();
    var error = errors.addObject().put("resource", "Status").put("code", code).put("field", field);
    if (message != null) {
      error.put("message", message);
    }
    return ApiException.validation("Validation Failed", errors);
  }

  private Repository repository(ApiRequest request, PermissionLevel level) {
    return RouteLookups.repository(repositoryAccess, request, level);
  }

  private App callerApp(ApiRequest request) {
    return RouteLookups.callerApp(state, request);
  }
}
