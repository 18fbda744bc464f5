package io.github.ghapp.emulator.internal.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.emulator.internal.EmulatorCore;
import io.github.ghapp.emulator.internal.auth.Caller;
import io.github.ghapp.emulator.internal.http.Access;
import io.github.ghapp.emulator.internal.http.ApiRequest;
import io.github.ghapp.emulator.internal.http.ApiResponse;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.http.Pagination;
import io.github.ghapp.emulator.internal.http.Router;
import io.github.ghapp.emulator.internal.state.Repository;
import io.github.ghapp.emulator.internal.state.RepositorySelection;
import java.util.List;

/** Routes for an installation token about itself: its repositories, and revoking it. */
final class InstallationRoutes {

  private static final String DOCS = "https://docs.github.com/rest/apps/installations";

  private final EmulatorCore core;
  private final Representations json;

  private InstallationRoutes(EmulatorCore core, Representations json) {
    this.core = core;
    this.json = json;
  }

  static void register(Router router, EmulatorCore core, Representations json) {
    InstallationRoutes routes = new InstallationRoutes(core, json);
    router
        .rest(
            "GET",
            "/installation/repositories",
            Access.INSTALLATION,
            DOCS + "#list-repositories-accessible-to-the-app-installation",
            routes::repositories)
        .rest(
            "DELETE",
            "/installation/token",
            Access.INSTALLATION,
            DOCS + "#revoke-an-installation-access-token",
            routes::revoke);
  }

  /** {@code {total_count, repository_selection, repositories}}, the token's reach, paginated. */
  private ApiResponse repositories(ApiRequest request) {
    Caller.InstallationCaller caller = request.installation();
    List<Repository> reachable = core.repositoryAccess().reachable(caller);
    Pagination pagination = Pagination.of(request);
    ObjectNode body = Json.object();
    body.put("total_count", reachable.size());
    RepositorySelection selection = caller.token().repositorySelection();
    body.put("repository_selection", selection.jsonName());
    body.set("repositories", json.repositories(pagination.slice(reachable)));
    return pagination.link(ApiResponse.ok(body), request, reachable.size());
  }

  private ApiResponse revoke(ApiRequest request) {
    core.tokens().revoke(request.installation().secret());
    return ApiResponse.noContent();
  }
}
