package io.github.ghapp.emulator.internal.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.emulator.internal.auth.Caller;
import io.github.ghapp.emulator.internal.auth.RepositoryAccess;
import io.github.ghapp.emulator.internal.auth.TokenRegistry;
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

  private final RepositoryAccess repositoryAccess;
  private final TokenRegistry tokens;
  private final Representations json;

  private InstallationRoutes(
      RepositoryAccess repositoryAccess, TokenRegistry tokens, Representations json) {
    this.repositoryAccess = repositoryAccess;
    this.tokens = tokens;
    this.json = json;
  }

  static void register(
      Router router,
      RepositoryAccess repositoryAccess,
      TokenRegistry tokens,
      Representations json) {
    InstallationRoutes routes = new InstallationRoutes(repositoryAccess, tokens, json);
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
    List<Repository> reachable = repositoryAccess.reachable(caller);
    Pagination pagination = Pagination.of(request);
    ObjectNode body = Json.object();
    body.put("total_count", reachable.size());
    RepositorySelection selection = caller.token().repositorySelection();
    body.put("repository_selection", selection.jsonName());
    body.set("repositories", json.repositories(pagination.slice(reachable)));
    return pagination.link(ApiResponse.ok(body), request, reachable.size());
  }

  private ApiResponse revoke(ApiRequest request) {
    tokens.revoke(request.installation().secret());
    return ApiResponse.noContent();
  }
}
