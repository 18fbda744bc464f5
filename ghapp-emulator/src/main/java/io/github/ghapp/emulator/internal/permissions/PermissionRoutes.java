package io.github.ghapp.emulator.internal.permissions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.emulator.internal.http.Access;
import io.github.ghapp.emulator.internal.http.ApiRequest;
import io.github.ghapp.emulator.internal.http.ApiResponse;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.http.Route;
import io.github.ghapp.emulator.internal.http.Router;
import io.github.ghapp.emulator.internal.state.PermissionLevel;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What an installation really used, over the admin API: {@code GET
 * /_emulator/installations/{installation_id}/permissions-used} answers {@code {installation_id,
 * least: {name: level}, endpoints: {"METHOD /template": ["name=level,...", ...]}}}.
 */
public final class PermissionRoutes {
  private static final String DOCS = "ghapp-emulator README, section \"Permissions\"";

  private PermissionRoutes() {}

  public static void register(Router router, PermissionUsage usage) {
    router.add(
        new Route(
            "GET",
            "/_emulator/installations/{installation_id}/permissions-used",
            Access.ADMIN,
            DOCS,
            request -> used(request, usage)));
  }

  private static ApiResponse used(ApiRequest request, PermissionUsage usage) {
    long installationId = request.longParam("installation_id");
    SortedMap<String, List<Map<String, PermissionLevel>>> used =
        usage.ofInstallation(installationId);
    ObjectNode body = Json.object();
    body.put("installation_id", installationId);
    ObjectNode least = body.putObject("least");
    PermissionUsage.least(used).forEach(least::put);
    ObjectNode endpoints = body.putObject("endpoints");
    used.forEach(
        (endpoint, alternatives) -> {
          var sets = endpoints.putArray(endpoint);
          PermissionUsage.describe(alternatives).forEach(sets::add);
        });
    return ApiResponse.ok(body);
  }
}
