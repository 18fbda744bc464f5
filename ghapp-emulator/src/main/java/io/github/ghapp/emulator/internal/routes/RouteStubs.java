package io.github.ghapp.emulator.internal.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ghapp.emulator.RouteResponse;
import io.github.ghapp.emulator.internal.http.Access;
import io.github.ghapp.emulator.internal.http.ApiRequest;
import io.github.ghapp.emulator.internal.http.ApiResponse;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.http.Route;
import io.github.ghapp.emulator.internal.http.Router;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * User routes for tests in other languages: {@code POST /_emulator/routes} with {@code {method,
 * path, status?, body?, headers?, permissions?}} adds a route that answers that fixed status, JSON
 * body and headers, behind the same front door as a Java route. Posting the same method and path
 * again replaces it.
 */
final class RouteStubs {

  private static final String DOCS = "ghapp-emulator README, section \"User routes\"";
  private static final Set<String> KEYS =
      new TreeSet<>(Set.of("method", "path", "status", "body", "headers", "permissions"));

  private RouteStubs() {}

  static void register(Router router, UserRouteTable table) {
    router.add(new Route("POST", "/_emulator/routes", Access.ADMIN, DOCS, r -> create(r, table)));
  }

  private static ApiResponse create(ApiRequest request, UserRouteTable table) {
    JsonNode stub = request.jsonBody();
    if (!stub.isObject()) {
      throw new IllegalArgumentException(
          "the route must be a JSON object {method, path, status?, body?, headers?, permissions?}");
    }
    for (Iterator<String> names = stub.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!KEYS.contains(name)) {
        throw new IllegalArgumentException(
            "unknown key '"
                + name
                + "'; known keys: "
                + KEYS
                + "; correct its spelling or remove it");
      }
    }
    String method = text(stub, "method");
    String path = text(stub, "path");
    JsonNode statusNode = stub.path("status");
    if (!statusNode.isMissingNode() && !statusNode.canConvertToInt()) {
      throw new IllegalArgumentException("'status' must be a number such as 200");
    }
    int status = statusNode.isMissingNode() ? 200 : statusNode.asInt();
    RouteResponse response =
        stub.has("body")
            ? RouteResponse.json(status, stub.get("body"))
            : status == 204 ? RouteResponse.noContent() : RouteResponse.json(status, Json.object());
    for (Map.Entry<String, String> header : strings(stub, "headers").entrySet()) {
      response = response.header(header.getKey(), header.getValue());
    }
    RouteResponse answer = response;
    UserRoute route = UserRoute.of(method, path, strings(stub, "permissions"), any -> answer);
    String template = table.add(route);
    return ApiResponse.json(201, Json.object().put("method", route.method()).put("path", template));
  }

  private static String text(JsonNode stub, String key) {
    JsonNode value = stub.path(key);
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new IllegalArgumentException(
          "'"
              + key
              + "' is missing or not a string; e.g. {\"method\": \"GET\", \"path\":"
              + " \"/repos/{owner}/{repo}/pulls\"}");
    }
    return value.asText();
  }

  private static Map<String, String> strings(JsonNode stub, String key) {
    Map<String, String> values = new LinkedHashMap<>();
    JsonNode object = stub.path(key);
    if (object.isMissingNode() || object.isNull()) {
      return values;
    }
    if (!object.isObject()) {
      throw new IllegalArgumentException("'" + key + "' must be an object of names to strings");
    }
    object
        .fields()
        .forEachRemaining(
            e -> {
              if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException(
                    "'" + key + "." + e.getKey() + "' must be a string");
              }
              values.put(e.getKey(), e.getValue().asText());
            });
    return values;
  }
}
