package io.github.ghapp.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.auth.internal.Credentials;
import io.github.ghapp.auth.internal.Json;
import io.github.ghapp.auth.internal.LinkHeader;
import io.github.ghapp.auth.internal.RestCaller;
import io.github.ghapp.auth.internal.Route;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GitHub's REST and GraphQL APIs, authenticated as an installation ({@link GitHubApp#installationClient})
 * or as the app itself ({@link GitHubApp#appClient}). Routes are written as in GitHub's documentation and
 * Octokit; parameters fill the route's {@code {placeholders}} and the rest become the query (GET, HEAD,
 * DELETE) or the JSON body (everything else). Thread-safe; share one per installation.
 *
 * <pre>{@code
 * GitHubClient gh = app.installationClient(inst.id());
 * JsonNode repo = gh.request("GET /repos/{owner}/{repo}", Map.of("owner", "octo-org", "repo", "hello-world"));
 * gh.request("POST /repos/{owner}/{repo}/issues", Map.of("owner", "octo-org", "repo", "hello-world", "title", "Hi"));
 * List<JsonNode> repos = gh.paginate("GET /installation/repositories");   // every page, items unwrapped
 * JsonNode data = gh.graphql("query($n: String!) { viewer { login } }", Map.of("n", "x"));
 * }</pre>
 *
 * <p>Failures are {@link GitHubException}s; lost connections, 5xx and rate limits have been retried within
 * the app's deadline before one is thrown. Credentials only ever go to the configured GitHub: a route or a
 * pagination link naming another host is refused.
 */
public final class GitHubClient {
  private static final int MAX_PAGES = 10_000;

  private final RestCaller caller;
  private final Credentials credentials;

  GitHubClient(RestCaller caller, Credentials credentials) {
    this.caller = caller;
    this.credentials = credentials;
  }

  /** Sends {@code route} (e.g. {@code "GET /meta"}) and returns the JSON body (a missing node when empty). */
  public JsonNode request(String route) {
    return request(route, Map.of());
  }

  /** Sends {@code route} with {@code params} and returns the JSON body (a missing node when empty). */
  public JsonNode request(String route, Map<String, ?> params) {
    return send(route, params).body();
  }

  /** Like {@link #request(String, Map)}, with the status and headers of the answer. */
  public GitHubResponse send(String route, Map<String, ?> params) {
    return caller.send(Route.expand(route, params, caller.endpoints()), credentials);
  }

  /** Every item of every page of a list route; see {@link #paginate(String, Map)}. */
  public List<JsonNode> paginate(String route) {
    return paginate(route, Map.of());
  }

  /**
   * Every item of every page of a GET list route, following {@code Link: rel="next"} and asking for 100 per
   * page unless {@code per_page} is given. Bodies shaped like {@code {"total_count": 2, "repositories":
   * [...]}} are unwrapped to the items of their one array.
   */
  public List<JsonNode> paginate(String route, Map<String, ?> params) {
    Map<String, Object> first = new LinkedHashMap<>(params);
    first.putIfAbsent("per_page", 100);
    Route next = Route.expand(route, first, caller.endpoints());
    if (!next.method().equals("GET")) {
      throw new IllegalArgumentException("paginate needs a GET route, got '" + route + "'");
    }
    List<JsonNode> items = new ArrayList<>();
    for (int page = 0; page < MAX_PAGES && next != null; page++) {
      GitHubResponse response = caller.send(next, credentials);
      addItems(response.body(), route, items);
      String link = LinkHeader.next(response.headers());
      next = link == null ? null : Route.expand("GET " + link, Map.of(), caller.endpoints());
    }
    return items;
  }

  /** Runs a GraphQL query and returns its {@code data}; see {@link #graphql(String, Map)}. */
  public JsonNode graphql(String query) {
    return graphql(query, Map.of());
  }

  /**
   * Runs a GraphQL query or mutation with {@code variables} and returns its {@code data}. GitHub answers
   * GraphQL errors with HTTP 200 and an {@code errors} array; those become a {@link GraphQlException}.
   */
  public JsonNode graphql(String query, Map<String, ?> variables) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("query", query);
    if (variables != null && !variables.isEmpty()) {
      body.put("variables", variables);
    }
    Route route = new Route("POST", caller.endpoints().graphql(), Json.MAPPER.valueToTree(body));
    GitHubResponse response = caller.send(route, credentials);
    JsonNode json = response.body();
    JsonNode errors = json.path("errors");
    if (errors.isArray() && errors.size() > 0) {
      List<String> messages = new ArrayList<>();
      errors.forEach(e -> messages.add(e.path("message").asText(e.toString())));
      throw new GraphQlException("POST " + route.uri().getRawPath() + " answered with GraphQL errors: "
          + messages + ". Check the query against GitHub's schema and the token's permissions",
          new ErrorDetails(response.status(), route.describe(), null, null, response.requestId(), List.of()), messages, json.get("data"));
    }
    return json.path("data");
  }

  /** The REST base URL requests go to. */
  public URI baseUrl() {
    return caller.endpoints().rest();
  }

  /** The GraphQL endpoint. */
  public URI graphqlUrl() {
    return caller.endpoints().graphql();
  }

  private static void addItems(JsonNode body, String route, List<JsonNode> items) {
    if (body.isArray()) {
      body.forEach(items::add);
      return;
    }
    if (body.isObject()) {
      // Search and installation lists wrap their items: {total_count, incomplete_results?, <one array>}.
      JsonNode array = null;
      for (Iterator<Map.Entry<String, JsonNode>> it = ((ObjectNode) body).fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (field.getValue().isArray()) {
          if (array != null) {
            array = null;
            break;
          }
          array = field.getValue();
        }
      }
      if (array != null && body.has("total_count")) {
        array.forEach(items::add);
        return;
      }
    }
    throw new IllegalArgumentException("'" + route + "' is not a list route: its answer is neither an array nor"
        + " {total_count, <items>}; use request() instead");
  }

  @Override
  public String toString() {
    return "GitHubClient{" + caller.endpoints().rest() + "}";
  }
}
