package io.github.ghapp.emulator.internal.permissions;

import io.github.ghapp.emulator.internal.auth.RepositoryAccess;
import io.github.ghapp.emulator.internal.http.Access;
import io.github.ghapp.emulator.internal.http.ApiException;
import io.github.ghapp.emulator.internal.http.ApiRequest;
import io.github.ghapp.emulator.internal.http.ApiResponse;
import io.github.ghapp.emulator.internal.http.Router;
import io.github.ghapp.emulator.internal.state.PermissionLevel;
import io.github.ghapp.permissions.data.PermissionTables;
import io.github.ghapp.permissions.data.PermissionTables.Row;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Every endpoint of GitHub's permission table that the emulator does not model is still a route:
 * authenticated, rate-limited, logged and held to the permission gate like a modelled one, then
 * answered {@code 501} in GitHub's error shape naming the endpoint. So an App's permission mistake
 * shows up offline even on an endpoint nobody modelled here.
 */
public final class DocumentedEndpoints {
  private DocumentedEndpoints() {}

  /**
   * Registers the table's endpoints that {@code router} has no route for; call after every modelled
   * route is registered.
   *
   * @return how many were registered
   */
  public static int register(Router router, String table, RepositoryAccess repositoryAccess) {
    Set<String> done = new LinkedHashSet<>();
    int added = 0;
    for (Row row : PermissionTables.rows(table)) {
      String endpoint = row.verb() + " " + row.path();
      if (!done.add(endpoint) || router.has(row.verb(), router.restPrefix() + row.path())) {
        continue;
      }
      router.rest(
          row.verb(),
          row.path(),
          Access.INSTALLATION_OR_ANONYMOUS,
          "https://docs.github.com/rest/" + row.category() + "#" + row.slug(),
          request -> notModelled(request, endpoint, repositoryAccess));
      added++;
    }
    return added;
  }

  private static ApiResponse notModelled(
      ApiRequest request, String endpoint, RepositoryAccess repositoryAccess) {
    if (request.hasParam("owner") && request.hasParam("repo")) {
      // a private repository out of reach is 404 here as everywhere, before saying anything more
      repositoryAccess.requireVisible(
          request.caller(),
          request.param("owner"),
          request.param("repo"),
          endpoint.startsWith("GET ") ? PermissionLevel.READ : PermissionLevel.WRITE);
    }
    throw ApiException.of(
        501,
        "ghapp-emulator does not model "
            + endpoint
            + ": the request was authenticated, counted against the rate limit and passed GitHub's"
            + " permission gate, but nothing here answers it. Model it in ghapp-emulator (see its"
            + " README, \"Inside\"), or send this request to GitHub.");
  }
}
