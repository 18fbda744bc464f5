package io.github.ghapp.emulator.internal.routes;

import io.github.ghapp.emulator.RouteResponse;
import io.github.ghapp.emulator.internal.auth.Caller;
import io.github.ghapp.emulator.internal.auth.RepositoryAccess;
import io.github.ghapp.emulator.internal.http.Access;
import io.github.ghapp.emulator.internal.http.ApiException;
import io.github.ghapp.emulator.internal.http.ApiRequest;
import io.github.ghapp.emulator.internal.http.ApiResponse;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.http.Route;
import io.github.ghapp.emulator.internal.http.Router;
import io.github.ghapp.emulator.internal.permissions.PermissionUsage;
import io.github.ghapp.emulator.internal.state.PermissionLevel;
import io.github.ghapp.emulator.internal.state.Repository;
import io.github.ghapp.permissions.data.PermissionTables;
import io.github.ghapp.permissions.data.PermissionTables.Row;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Puts user routes into the front door's route table as ordinary REST routes, so that they are
 * authenticated, rate-counted, logged and held to GitHub's permission gate like every other. A
 * template of a documented GitHub endpoint takes the table's spelling ({@code {o}/{r}} becomes
 * {@code {owner}/{repo}}), so the gate finds it, and it replaces the endpoint's 501 answer; one the
 * emulator models is refused, as the two would disagree about GitHub. Declared permissions are
 * checked after the gate, each needed, with GitHub's 403 and header.
 */
public final class UserRouteTable {

  static final String ACCEPTED_PERMISSIONS = "X-Accepted-GitHub-Permissions";

  private final Router router;
  private final RepositoryAccess repositoryAccess;
  private final PermissionUsage usage;
  private final Set<String> modelled = new HashSet<>();
  private final Map<String, Row> documented = new HashMap<>();

  private UserRouteTable(
      Router router, String table, RepositoryAccess repositoryAccess, PermissionUsage usage) {
    this.router = router;
    this.repositoryAccess = repositoryAccess;
    this.usage = usage;
    for (Route route : router.routes()) {
      modelled.add(route.method() + " " + Router.shapeOf(route.pattern()));
    }
    for (Row row : PermissionTables.rows(table)) {
      documented.putIfAbsent(row.verb() + " " + Router.shapeOf(row.path()), row);
    }
  }

  /**
   * Adds the builder's routes and the admin API's {@code POST /_emulator/routes}; call after every
   * modelled route and before the documented endpoints' 501 fallbacks are registered.
   *
   * @throws IllegalArgumentException when a route would replace a modelled one
   */
  public static UserRouteTable install(
      Router router,
      List<UserRoute> routes,
      String table,
      RepositoryAccess repositoryAccess,
      PermissionUsage usage) {
    UserRouteTable userRoutes = new UserRouteTable(router, table, repositoryAccess, usage);
    for (UserRoute route : routes) {
      userRoutes.add(route);
    }
    RouteStubs.register(router, userRoutes);
    return userRoutes;
  }

  /**
   * Serves the route from now on, in place of a documented endpoint's 501 or an earlier user route
   * of the same shape.
   *
   * @return the template it is served under (the table's spelling for a documented endpoint)
   */
  synchronized String add(UserRoute route) {
    String shape = route.method() + " " + Router.shapeOf(router.restPrefix() + route.template());
    if (modelled.contains(shape)) {
      throw new IllegalArgumentException(
          "route "
              + route.endpoint()
              + " is modelled by the emulator itself; a user route cannot replace it. Use the"
              + " emulator's answer, or choose another path");
    }
    Row row = documented.get(route.method() + " " + Router.shapeOf(route.template()));
    String template = row != null ? row.path() : route.template();
    String docs =
        row != null
            ? "https://docs.github.com/rest/" + row.category() + "#" + row.slug()
            : ApiException.REST_DOCS;
    boolean gated = row != null;
    router.replace(
        new Route(
            route.method(),
            router.restPrefix() + template,
            Access.ANY,
            docs,
            request -> answer(route, template, docs, gated, request)));
    return template;
  }

  private ApiResponse answer(
      UserRoute route, String template, String docs, boolean gated, ApiRequest request) {
    Caller caller = request.caller();
    Repository repository = null;
    if (request.hasParam("owner") && request.hasParam("repo")) {
      // as everywhere: a private repository out of reach is 404 before anything else is said
      repository =
          repositoryAccess.requireVisible(
              caller,
              request.param("owner"),
              request.param("repo"),
              route.method().equals("GET") ? PermissionLevel.READ : PermissionLevel.WRITE);
    }
    String declared = null;
    if (!route.permissions().isEmpty()
        && caller instanceof Caller.InstallationCaller installation
        && (repository == null || repositoryAccess.reaches(installation, repository))) {
      declared = header(route.permissions());
      boolean allowed =
          route.permissions().entrySet().stream()
              .allMatch(e -> installation.token().permissions().allows(e.getKey(), e.getValue()));
      if (!allowed) {
        return ApiException.of(403, RepositoryAccess.NOT_ACCESSIBLE)
            .toResponse(docs)
            .header(ACCEPTED_PERMISSIONS, declared);
      }
      if (!gated) {
        usage.record(installation, route.method() + " " + template, List.of(route.permissions()));
      }
    }
    RouteResponse response = route.handler().handle(new UserRouteRequest(request, repository));
    if (response == null) {
      throw new IllegalStateException(
          "the handler of route " + route.endpoint() + " returned null");
    }
    ApiResponse answer = toApiResponse(response, docs);
    if (declared != null) {
      answer.header(ACCEPTED_PERMISSIONS, declared);
    }
    return answer;
  }

  static ApiResponse toApiResponse(RouteResponse response, String docs) {
    ApiResponse answer;
    if (response.errorMessage() != null) {
      answer = ApiException.of(response.status(), response.errorMessage()).toResponse(docs);
    } else if (response.hasBody()) {
      answer =
          ApiResponse.json(
              response.status(),
              response.body() == null
                  ? Json.MAPPER.nullNode()
                  : Json.MAPPER.valueToTree(response.body()));
    } else {
      answer = ApiResponse.text(response.status(), null);
    }
    response.headers().forEach(answer::header);
    return answer;
  }

  /** All of them needed: one set, {@code checks=write,contents=read}. */
  private static String header(Map<String, PermissionLevel> permissions) {
    return permissions.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue().jsonName())
        .collect(Collectors.joining(","));
  }
}
