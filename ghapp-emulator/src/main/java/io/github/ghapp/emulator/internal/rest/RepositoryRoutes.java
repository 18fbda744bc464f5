package io.github.ghapp.emulator.internal.rest;

import io.github.ghapp.emulator.internal.auth.RepositoryAccess;
import io.github.ghapp.emulator.internal.http.Access;
import io.github.ghapp.emulator.internal.http.ApiRequest;
import io.github.ghapp.emulator.internal.http.ApiResponse;
import io.github.ghapp.emulator.internal.http.Router;
import io.github.ghapp.emulator.internal.state.PermissionLevel;
import io.github.ghapp.emulator.internal.state.Repository;

/**
 * {@code GET /repos/{owner}/{repo}}: needs {@code metadata: read}; public repositories are readable
 * by anyone.
 */
final class RepositoryRoutes {

  private final RepositoryAccess repositoryAccess;
  private final Representations json;

  private RepositoryRoutes(RepositoryAccess repositoryAccess, Representations json) {
    this.repositoryAccess = repositoryAccess;
    this.json = json;
  }

  static void register(Router router, RepositoryAccess repositoryAccess, Representations json) {
    router.rest(
        "GET",
        "/repos/{owner}/{repo}",
        Access.INSTALLATION_OR_ANONYMOUS,
        "https://docs.github.com/rest/repos/repos#get-a-repository",
        new RepositoryRoutes(repositoryAccess, json)::get);
  }

  private ApiResponse get(ApiRequest request) {
    Repository repository =
        repositoryAccess.requireVisible(
            request.caller(), request.param("owner"), request.param("repo"), PermissionLevel.READ);
    return ApiResponse.ok(json.fullRepository(repository));
  }
}
