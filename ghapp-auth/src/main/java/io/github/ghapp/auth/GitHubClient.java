package io.github.ghapp.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.auth.internal.credentials.TokenCredentials;
import io.github.ghapp.auth.internal.http.Credentials;
import io.github.ghapp.auth.internal.http.Endpoints;
import io.github.ghapp.auth.internal.http.Json;
import io.github.ghapp.auth.internal.http.LinkHeader;
import io.github.ghapp.auth.internal.http.RestCaller;
import io.github.ghapp.auth.internal.http.Route;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub's REST and GraphQL APIs, authenticated as an installation ({@link
 * GitHubApp#installationClient}), as the app itself ({@link GitHubApp#appClient}), or by a bare
 * installation token ({@link #withToken}). Routes are written as in GitHub's documentation and
 * Octokit; parameters fill the route's {@code {placeholders}} and the rest become the query (GET,
 * HEAD, DELETE) or the JSON body (everything else). Thread-safe; share one per installation.
 *
 * <pre>{@code
 * GitHubClient gh = app.installationClient(inst.id());
 * JsonNode repo = gh.request("GET /repos/{owner}/{repo}", Map.of("owner", "octo-org", "repo", "hello-world"));
 * gh.request("POST /repos/{owner}/{repo}/issues", Map.of("owner", "octo-org", "repo", "hello-world", "title", "Hi"));
 * List<JsonNode> repos = gh.paginate("GET /installation/repositories");   // every page, items unwrapped
 * JsonNode data = gh.graphql("query($n: String!) { viewer { login } }", Map.of("n", "x"));
 * }</pre>
 *
 * <p>Failures are {@link GitHubException}s; lost connections, 5xx and rate limits have been retried
 * within the app's deadline before one is thrown. Credentials only ever go to the configured
 * GitHub: a route or a pagination link naming another host is refused.
 */
public final class GitHubClient {
  private static final Logger log = LoggerFactory.getLogger(GitHubClient.class);
  private static final int MAX_PAGES = 10_000;

  private final RestCaller caller;
  private final Credentials credentials;

  GitHubClient(RestCaller caller, Credentials credentials) {
    this.caller = caller;
    this.credentials = credentials;
  }

  /**
   * A client authenticated by a bare installation token, for a program that was handed a token (by
   * a CI step, another service, {@code ghapp token}) and holds no app key. Its requests carry the
   * same headers and get the same retries, deadline (60 seconds) and typed errors as an app's
   * clients, with the default JDK HTTP client, built on the first request. Nothing here can mint,
   * so once GitHub stops accepting the token (revoked, or past its {@code expires_at}) requests
   * fail with {@link BadCredentialsException}: get a new token from whoever gave this one.
   *
   * <pre>{@code
   * URI github = URI.create("https://api.github.com");
   * GitHubClient gh = GitHubClient.withToken(github, System.getenv("GH_TOKEN"));
   * List<JsonNode> repos = gh.paginate("GET /installation/repositories");
   * JsonNode viewer = gh.graphql("query { viewer { login } }");
   * GitHubClient.revoke(github, System.getenv("GH_TOKEN"));   // done: it stops working now, not in an hour
   * }</pre>
   *
   * @param baseUrl which GitHub, as for {@link GitHubAppBuilder#baseUrl(URI)}: {@code
   *     https://api.github.com}, a GitHub Enterprise Server as {@code https://ghe.example.com} or
   *     {@code https://ghe.example.com/api/v3}
   * @param token an installation token; surrounding whitespace (such as a file's trailing newline)
   *     is ignored
   * @throws IllegalArgumentException when the base URL is not a GitHub API URL or the token cannot
   *     be one (blank, or with spaces, line breaks or a {@code Bearer} prefix); the message never
   *     repeats the token
   */
  public static GitHubClient withToken(URI baseUrl, String token) {
    return new GitHubClient(tokenCaller(baseUrl), TokenCredentials.fixed(checkToken(token)));
  }

  /**
   * Revokes an installation token at GitHub ({@code DELETE /installation/token}, authenticated by
   * the token itself), so that it stops working now rather than when it expires. A token GitHub
   * already refuses counts as revoked, so revoking twice is harmless. For tokens an app minted,
   * {@link GitHubApp#revoke(InstallationToken)} does the same with the app's HTTP settings.
   *
   * <pre>{@code
   * GitHubClient.revoke(URI.create("https://ghe.example.com"), token);
   * }</pre>
   *
   * @param baseUrl which GitHub; see {@link #withToken}
   * @param token the installation token to revoke
   */
  public static void revoke(URI baseUrl, String token) {
    RestCaller caller = tokenCaller(baseUrl);
    if (revoke(caller, checkToken(token))) {
      log.debug("Revoked an installation token at {}", caller.endpoints().rest());
    } else {
      log.debug(
          "An installation token was already refused by {}; nothing to revoke",
          caller.endpoints().rest());
    }
  }

  /** Sends the revocation; false when GitHub no longer accepted the token anyway. */
  static boolean revoke(RestCaller caller, String token) {
    try {
      caller.send(
          Route.expand("DELETE /installation/token", Map.of(), caller.endpoints()),
          TokenCredentials.fixed(token));
      return true;
    } catch (BadCredentialsException e) {
      return false;
    }
  }

  private static RestCaller tokenCaller(URI baseUrl) {
    // the defaults: a JDK client built on the first request, 2022-11-28, 4 attempts in 60 s
    return RestCaller.builder(Endpoints.of(Objects.requireNonNull(baseUrl, "baseUrl"))).build();
  }

  /** The token as it goes on the wire; what is wrong with it is said without repeating it. */
  private static String checkToken(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException(
          "The installation token is "
              + (token == null ? "null" : "empty")
              + " (was an environment variable unset?); pass the token GitHub minted (POST"
              + " /app/installations/{installation_id}/access_tokens)");
    }
    String t = token.strip();
    String lower = t.toLowerCase(Locale.ROOT);
    if (lower.startsWith("bearer ") || lower.startsWith("token ")) {
      throw new IllegalArgumentException(
          "The installation token starts with '"
              + t.substring(0, t.indexOf(' '))
              + " '; pass the token alone: the Authorization scheme is added for it");
    }
    if (t.chars().anyMatch(c -> c <= ' ' || c >= 0x7f || c == '"' || c == '\'')) {
      throw new IllegalArgumentException(
          "The installation token ("
              + t.length()
              + " characters) contains"
              + " spaces, line breaks, quotes or other characters no GitHub token has; pass the token alone");
    }
    return t;
  }

  /**
   * Sends {@code route} (e.g. {@code "GET /meta"}) and returns the JSON body (a missing node when
   * empty).
   */
  public JsonNode request(String route) {
    return request(route, Map.of());
  }

  /**
   * Sends {@code route} with {@code params} and returns the JSON body (a missing node when empty).
   */
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
   * Every item of every page of a GET list route, following {@code Link: rel="next"} and asking for
   * 100 per page unless {@code per_page} is given. Bodies shaped like {@code {"total_count": 2,
   * "repositories": [...]}} are unwrapped to the items of their one array.
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
      next = link == null ? null : nextPage(link, next, response);
    }
    return items;
  }

  /**
   * The page a {@code Link: rel="next"} names: a URL on the configured GitHub, or a refusal (never
   * followed elsewhere, so that no credential goes there).
   */
  private Route nextPage(String link, Route page, GitHubResponse response) {
    try {
      return Route.expand("GET " + link, Map.of(), caller.endpoints())
          .withTemplate(page.template());
    } catch (IllegalArgumentException e) {
      throw new GitHubException(
          page.describe()
              + " answered with a Link rel=\"next\" that is not a URL on the configured GitHub "
              + caller.endpoints().rest()
              + "; not followed. Check the base URL and any proxy in between",
          new ErrorDetails(
              response.status(), page.describe(), null, null, response.requestId(), List.of()),
          false);
    }
  }

  /** Runs a GraphQL query and returns its {@code data}; see {@link #graphql(String, Map)}. */
  public JsonNode graphql(String query) {
    return graphql(query, Map.of());
  }

  /**
   * Runs a GraphQL query or mutation with {@code variables} and returns its {@code data}. GitHub
   * answers GraphQL errors with HTTP 200 and an {@code errors} array; those become a {@link
   * GraphQlException}.
   */
  public JsonNode graphql(String query, Map<String, ?> variables) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("query", query);
    if (variables != null && !variables.isEmpty()) {
      body.put("variables", variables);
    }
    Route route =
        new Route(
            "POST", caller.endpoints().graphql(), Json.mapper().valueToTree(body), "/graphql");
    GitHubResponse response = caller.send(route, credentials);
    JsonNode json = response.body();
    JsonNode errors = json.path("errors");
    if (errors.isArray() && errors.size() > 0) {
      List<String> messages = new ArrayList<>();
      errors.forEach(e -> messages.add(e.path("message").asText(e.toString())));
      throw new GraphQlException(
          "POST "
              + route.uri().getRawPath()
              + " answered with GraphQL errors: "
              + messages
              + ". Check the query against GitHub's schema and the token's permissions",
          new ErrorDetails(
              response.status(), route.describe(), null, null, response.requestId(), List.of()),
          messages,
          json.get("data"));
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
      // Search and installation lists wrap their items: {total_count, incomplete_results?, <one
      // array>}.
      JsonNode array = null;
      for (Iterator<Map.Entry<String, JsonNode>> it = ((ObjectNode) body).fields();
          it.hasNext(); ) {
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
    throw new IllegalArgumentException(
        "'"
            + route
            + "' is not a list route: its answer is neither an array nor"
            + " {total_count, <items>}; use request() instead");
  }

  @Override
  public String toString() {
    return "GitHubClient{" + caller.endpoints().rest() + "}";
  }
}
