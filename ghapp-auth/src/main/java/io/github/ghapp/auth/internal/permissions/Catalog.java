package io.github.ghapp.auth.internal.permissions;

import io.github.ghapp.auth.EndpointNeed;
import io.github.ghapp.auth.EndpointNeed.Kind;
import io.github.ghapp.auth.PermissionSet;
import io.github.ghapp.permissions.data.PermissionTables;
import io.github.ghapp.permissions.data.PermissionTables.Row;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One of GitHub's permission tables read as needs: endpoint by endpoint, the sets of permissions
 * that suffice. Built once per table, on first use, and shared; a look-up is one walk of {@link
 * EndpointIndex} and one map read.
 *
 * <p>How rows become needs, following GitHub's own README of the data: one row is the whole need;
 * several rows of one endpoint are either all needed or alternatives, and the table cannot tell, so
 * the need is their union, marked inexact; one row marked as having additional permissions lost a
 * permission to GitHub's generator, mostly {@code metadata: read}, which is added unless the row's
 * permission is a repository one (GitHub grants metadata read with any of those). Where GitHub's
 * reference pages spell out alternatives, {@link #KNOWN_ALTERNATIVES} says them exactly.
 */
public final class Catalog {
  private static final Map<String, Catalog> CATALOGS = new ConcurrentHashMap<>();

  /**
   * Endpoints that installation tokens may call with no permission at all, which GitHub's table
   * leaves out because it lists only endpoints that need one (its README: "Not listed ≠
   * unavailable").
   */
  static final List<String> NEED_NONE =
      List.of(
          "GET /",
          "GET /meta",
          "GET /rate_limit",
          "GET /zen",
          "GET /octocat",
          "GET /versions",
          "GET /emojis",
          "GET /gitignore/templates",
          "GET /gitignore/templates/{name}",
          "GET /licenses",
          "GET /licenses/{license}",
          "GET /codes_of_conduct",
          "GET /codes_of_conduct/{key}",
          "POST /markdown/raw",
          "GET /installation/repositories",
          "DELETE /installation/token",
          "GET /users/{username}",
          "GET /orgs/{org}",
          "GET /search/repositories",
          "GET /search/code",
          "GET /search/commits",
          "GET /search/issues",
          "GET /search/labels",
          "GET /search/topics",
          "GET /search/users");

  /** Alternatives GitHub's reference pages spell out, where the flattened table cannot. */
  static final Map<String, List<String>> KNOWN_ALTERNATIVES =
      Map.of(
          "PATCH /repos/{owner}/{repo}/issues/{issue_number}",
          List.of("issues=write", "pull_requests=write"));

  /**
   * Names the token API accepts that none of GitHub's tables here lists (no endpoint needs them
   * with an installation token, or only in a newer release), from GitHub's {@code app-permissions}
   * schema.
   */
  private static final List<String> SCHEMA_ONLY_NAMES =
      List.of(
          "code_quality",
          "custom_properties_for_organizations",
          "discussions",
          "enterprise_custom_properties_for_organizations",
          "merge_queues",
          "organization_packages",
          "organization_plan",
          "packages",
          "repository_projects",
          "single_file",
          "team_discussions");

  private static final SortedSet<String> PERMISSION_NAMES = permissionNames();

  private static final Set<String> METHODS =
      Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");

  private final String table;
  private final EndpointIndex index;
  private final Map<String, EndpointNeed> needs;
  private final Map<String, String> levels = new TreeMap<>();

  private Catalog(String table) {
    this.table = table;
    PermissionTables.names().forEach((name, n) -> levels.put(name, n.level()));
    Map<String, List<Row>> byEndpoint = new LinkedHashMap<>();
    for (Row row : PermissionTables.rows(table)) {
      byEndpoint.computeIfAbsent(row.verb() + " " + row.path(), e -> new ArrayList<>()).add(row);
    }
    Map<String, EndpointNeed> read = new LinkedHashMap<>();
    byEndpoint.forEach((endpoint, rows) -> read.put(endpoint, need(endpoint, rows)));
    for (String endpoint : NEED_NONE) {
      read.putIfAbsent(endpoint, new EndpointNeed(endpoint, Kind.NONE, List.of(), true));
    }
    this.needs = Map.copyOf(read);
    List<String[]> endpoints = new ArrayList<>();
    for (String endpoint : read.keySet()) {
      int space = endpoint.indexOf(' ');
      endpoints.add(new String[] {endpoint.substring(0, space), endpoint.substring(space + 1)});
    }
    this.index = new EndpointIndex(endpoints);
  }

  /** The catalog of one of {@link PermissionTables#tables()}, read on first use. */
  public static Catalog of(String table) {
    return CATALOGS.computeIfAbsent(table, Catalog::new);
  }

  public String table() {
    return table;
  }

  /** Every endpoint this catalog knows, {@code METHOD /template}. */
  public Set<String> endpoints() {
    return needs.keySet();
  }

  /** {@code Repository}, {@code Organization}, ... for a permission name, or null. */
  public String level(String permission) {
    return levels.get(permission);
  }

  /** What {@code verb path} needs; {@code path} already without host, {@code /api/v3} and query. */
  public EndpointNeed need(String verb, String path) {
    String endpoint = index.match(verb, path);
    if (endpoint == null) {
      return new EndpointNeed(verb + " " + path, Kind.UNKNOWN, List.of(), true);
    }
    return needs.get(endpoint);
  }

  public List<String> nearest(String verb, String path, int limit) {
    return index.nearest(verb, path, limit);
  }

  private EndpointNeed need(String endpoint, List<Row> rows) {
    List<String> known = KNOWN_ALTERNATIVES.get(endpoint);
    if (known != null) {
      return new EndpointNeed(
          endpoint, Kind.PERMISSIONS, known.stream().map(PermissionSet::parse).toList(), true);
    }
    Map<String, String> union = new TreeMap<>();
    rows.forEach(r -> union.put(r.permission(), r.access()));
    boolean additional = rows.get(0).additionalPermissions();
    if (additional
        && rows.size() == 1
        && !"Repository".equals(levels.get(rows.get(0).permission()))) {
      union.putIfAbsent("metadata", "read");
    }
    return new EndpointNeed(
        endpoint, Kind.PERMISSIONS, List.of(PermissionSet.of(union)), !additional);
  }

  /** Every permission name GitHub's tables or its token schema know. */
  public static SortedSet<String> names() {
    return PERMISSION_NAMES;
  }

  private static SortedSet<String> permissionNames() {
    SortedSet<String> all = new TreeSet<>(PermissionTables.names().keySet());
    all.addAll(SCHEMA_ONLY_NAMES);
    return Collections.unmodifiableSortedSet(all);
  }

  /** {@code [VERB, path]} of {@code GET /x}, {@code get https://host/api/v3/x?y}, and the like. */
  public static String[] parse(String endpoint) {
    String trimmed = endpoint == null ? "" : endpoint.strip();
    int space = trimmed.indexOf(' ');
    if (space <= 0) {
      throw new IllegalArgumentException(
          "'"
              + trimmed
              + "' is not an endpoint: write it as METHOD /path, e.g. 'POST"
              + " /repos/{owner}/{repo}/issues'");
    }
    String verb = trimmed.substring(0, space).toUpperCase(Locale.ROOT);
    if (!METHODS.contains(verb)) {
      throw new IllegalArgumentException(
          "'" + trimmed.substring(0, space) + "' is not an HTTP method GitHub's API answers");
    }
    String path = trimmed.substring(space + 1).strip();
    int scheme = path.indexOf("://");
    if (scheme > 0) {
      int slash = path.indexOf('/', scheme + 3);
      path = slash < 0 ? "/" : path.substring(slash);
    }
    int query = indexOfAny(path, '?', '#');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    if (path.startsWith("/api/v3/") || path.equals("/api/v3")) {
      path = path.substring("/api/v3".length());
    }
    if (!path.startsWith("/")) {
      path = "/" + path;
    }
    return new String[] {"HEAD".equals(verb) ? "GET" : verb, path};
  }

  private static int indexOfAny(String s, char a, char b) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == a || s.charAt(i) == b) {
        return i;
      }
    }
    return -1;
  }
}
