package io.github.ghapp.auth;

import io.github.ghapp.auth.EndpointNeed.Kind;
import io.github.ghapp.auth.internal.permissions.Catalog;
import io.github.ghapp.auth.internal.permissions.Distance;
import io.github.ghapp.permissions.data.PermissionTables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

/**
 * Which permissions an installation token needs for each REST endpoint, from the table GitHub
 * publishes for every API version and GitHub Enterprise Server release: so that an App can ask for
 * exactly what a job needs, and say what was missing when GitHub refuses.
 *
 * <p>An endpoint is written {@code METHOD /path}, the path a template as GitHub's reference writes
 * it or a concrete path (a full URL works too), which is matched to its template as GitHub routes
 * it.
 *
 * <pre>{@code
 * EndpointPermissions catalog = EndpointPermissions.githubCom();
 * catalog.need("POST /repos/{owner}/{repo}/issues");          // needs issues=write
 * catalog.need("GET /repos/octo-org/hello-world/contents/src/App.java"); // needs contents=read
 * TokenRequest request = catalog.tokenRequest(
 *         List.of("POST /repos/{owner}/{repo}/issues", "GET /repos/{owner}/{repo}/contents/{path}"))
 *     .repositories("hello-world")
 *     .build();                                                // contents=read,issues=write
 * }</pre>
 *
 * <p>GitHub's table is flattened: where it lists several permissions for one endpoint without
 * saying whether all are needed or any one is enough, ghapp covers every reading (it asks for all
 * of them) and says so in {@link EndpointNeed#exact()}. {@code metadata: read} is left out of a
 * token request that has any other repository permission, since GitHub grants it with every one.
 */
public final class EndpointPermissions {
  /** A GHES table's name is {@code ghes-RELEASE-2022-11-28}: its one REST API version. */
  private static final String GHES_PREFIX = "ghes-";

  private static final String GHES_SUFFIX = "-2022-11-28";

  /** 3.9 before 3.19: release numbers compared part by part, as numbers. */
  static final Comparator<String> BY_RELEASE =
      (a, b) -> {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
          int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
          if (c != 0) {
            return c;
          }
        }
        return Integer.compare(x.length, y.length);
      };

  private final Catalog catalog;

  private EndpointPermissions(Catalog catalog) {
    this.catalog = catalog;
  }

  /** github.com with the REST API version ghapp sends by default, {@code 2022-11-28}. */
  public static EndpointPermissions githubCom() {
    return githubCom("2022-11-28");
  }

  /**
   * github.com for one REST API version, the one the client sends as {@code X-GitHub-Api-Version}.
   *
   * @throws IllegalArgumentException for a version with no table here, naming those there are
   */
  public static EndpointPermissions githubCom(String apiVersion) {
    return of("fpt-" + Objects.requireNonNull(apiVersion, "apiVersion"));
  }

  /**
   * A GitHub Enterprise Server release, e.g. {@code 3.19}, with REST API version {@code
   * 2022-11-28}.
   *
   * @throws IllegalArgumentException for a release with no table here, naming those there are
   */
  public static EndpointPermissions ghes(String release) {
    return of(GHES_PREFIX + Objects.requireNonNull(release, "release") + GHES_SUFFIX);
  }

  /**
   * The GitHub Enterprise Server releases with a table here, oldest first, e.g. {@code [3.19]}: the
   * releases {@link #ghes(String)} takes.
   */
  public static List<String> ghesReleases() {
    return PermissionTables.tables().stream()
        .filter(table -> table.startsWith(GHES_PREFIX) && table.endsWith(GHES_SUFFIX))
        .map(table -> table.substring(GHES_PREFIX.length(), table.length() - GHES_SUFFIX.length()))
        .sorted(BY_RELEASE)
        .toList();
  }

  private static EndpointPermissions of(String table) {
    if (!PermissionTables.tables().contains(table)) {
      throw new IllegalArgumentException(
          "ghapp has no permission table '"
              + table
              + "'; it has "
              + String.join(", ", PermissionTables.tables()));
    }
    return new EndpointPermissions(Catalog.of(table));
  }

  /**
   * Every permission name GitHub's tables and its token API know, e.g. {@code pull_requests}: for
   * checking a user's spelling. GitHub adds permissions from time to time, so a name missing here
   * may still be one; let GitHub's answer decide.
   */
  public static SortedSet<String> permissionNames() {
    return Catalog.names();
  }

  /** The known permission name within two edits of {@code name} (a typo), the nearest first. */
  public static Optional<String> nearestPermissionName(String name) {
    return Catalog.names().stream()
        .filter(known -> Distance.between(known, name) <= 2)
        .min(
            Comparator.comparingInt((String known) -> Distance.between(known, name))
                .thenComparing(k -> k));
  }

  /** The table read, e.g. {@code fpt-2022-11-28} or {@code ghes-3.19-2022-11-28}. */
  public String table() {
    return catalog.table();
  }

  /** Every endpoint the table knows, {@code METHOD /template}. */
  public Set<String> endpoints() {
    return catalog.endpoints();
  }

  /**
   * What {@code endpoint} needs. An endpoint the table does not list is {@link Kind#UNKNOWN}, never
   * taken to need nothing.
   *
   * @throws IllegalArgumentException when {@code endpoint} is not {@code METHOD /path}
   */
  public EndpointNeed need(String endpoint) {
    String[] parsed = Catalog.parse(endpoint);
    return catalog.need(parsed[0], parsed[1]);
  }

  /**
   * The least permissions that let a token call every one of {@code endpoints}: for each, one of
   * the sets that suffice (the one that adds least to those already chosen), all together at the
   * lowest levels, without {@code metadata} when another repository permission brings it.
   *
   * @throws IllegalArgumentException naming the first endpoint the table does not know and the
   *     templates nearest to it
   */
  public PermissionSet leastCovering(Collection<String> endpoints) {
    return leastOf(needsOf(endpoints));
  }

  /**
   * Every least way to cover all of {@code endpoints} together, lightest first: one set per line of
   * {@code ghapp permissions}. Most endpoints have one set, so this is usually one; an endpoint
   * with alternatives (updating an issue takes {@code issues} or {@code pull_requests}) makes more.
   * A set that holds another one is left out.
   *
   * @throws IllegalArgumentException as {@link #leastCovering}
   */
  public List<PermissionSet> alternativesTogether(Collection<String> endpoints) {
    return combinations(needsOf(endpoints));
  }

  private List<List<PermissionSet>> needsOf(Collection<String> endpoints) {
    List<List<PermissionSet>> needs = new ArrayList<>();
    for (String endpoint : endpoints) {
      EndpointNeed need = need(endpoint);
      if (need.kind() == Kind.UNKNOWN) {
        throw new IllegalArgumentException(
            need.endpoint()
                + " is not in GitHub's table of endpoints for installation tokens ("
                + table()
                + "); the nearest are "
                + String.join(", ", nearest(endpoint, 3)));
      }
      needs.add(need.alternatives());
    }
    return needs;
  }

  /** The lightest set covering one alternative of each need ({@link #combinations}' first). */
  PermissionSet leastOf(List<List<PermissionSet>> needs) {
    List<PermissionSet> all = combinations(needs);
    return all.isEmpty() ? PermissionSet.empty() : all.get(0);
  }

  /**
   * One alternative of each need, united, for every way of choosing (past {@value #MAX_WAYS} ways,
   * the one adding least at each step only); without {@code metadata} where another repository
   * permission brings it; sets holding another dropped; lightest first.
   */
  private List<PermissionSet> combinations(List<List<PermissionSet>> needs) {
    List<PermissionSet> ways = new ArrayList<>(List.of(PermissionSet.empty()));
    for (List<PermissionSet> alternatives : needs) {
      if (alternatives.isEmpty()) {
        continue;
      }
      List<PermissionSet> next = new ArrayList<>();
      for (PermissionSet so : ways) {
        for (PermissionSet alternative : alternatives) {
          PermissionSet union = withoutImpliedMetadata(so.union(alternative));
          if (!next.contains(union)) {
            next.add(union);
          }
        }
      }
      next.sort(BY_WEIGHT);
      ways = next.size() > MAX_WAYS ? new ArrayList<>(next.subList(0, 1)) : next;
    }
    List<PermissionSet> least = new ArrayList<>();
    for (PermissionSet way : ways) {
      if (ways.stream().noneMatch(o -> !o.equals(way) && o.isCoveredBy(way.levels()))) {
        least.add(way);
      }
    }
    return least;
  }

  private static final int MAX_WAYS = 64;
  private static final Comparator<PermissionSet> BY_WEIGHT =
      Comparator.comparingInt(EndpointPermissions::weight).thenComparing(PermissionSet::toString);

  /**
   * A token request for exactly what {@code endpoints} need ({@link #leastCovering}), to narrow to
   * repositories before building. When they need no permission at all, the request asks for {@code
   * metadata=read}, the least GitHub grants, since a request with no permissions would get every
   * permission the installation has.
   */
  public TokenRequest.Builder tokenRequest(Collection<String> endpoints) {
    PermissionSet least = leastCovering(endpoints);
    Map<String, String> permissions = least.isEmpty() ? Map.of("metadata", "read") : least.levels();
    return TokenRequest.builder().permissions(permissions);
  }

  /** As {@link #tokenRequest(Collection)}. */
  public TokenRequest.Builder tokenRequest(String... endpoints) {
    return tokenRequest(Arrays.asList(endpoints));
  }

  static TokenRequest.Builder requestFor(PermissionSet least) {
    return TokenRequest.builder()
        .permissions(least.isEmpty() ? Map.of("metadata", "read") : least.levels());
  }

  /** Whether {@code permission} is a repository one (GitHub's level {@code Repository}). */
  boolean isRepositoryPermission(String permission) {
    return "Repository".equals(catalog.level(permission));
  }

  /** Up to {@code limit} known endpoints nearest to {@code endpoint}, to suggest instead. */
  public List<String> nearest(String endpoint, int limit) {
    String[] parsed = Catalog.parse(endpoint);
    return new ArrayList<>(catalog.nearest(parsed[0], parsed[1], limit));
  }

  /** Drops {@code metadata=read} when another repository permission is present to bring it. */
  PermissionSet withoutImpliedMetadata(PermissionSet set) {
    boolean otherRepositoryPermission =
        set.levels().keySet().stream()
            .anyMatch(p -> !p.equals("metadata") && "Repository".equals(catalog.level(p)));
    return otherRepositoryPermission && "read".equals(set.levels().get("metadata"))
        ? set.without("metadata")
        : set;
  }

  private static int weight(PermissionSet set) {
    return set.levels().values().stream().mapToInt(PermissionSet::rank).sum();
  }

  @Override
  public String toString() {
    return "EndpointPermissions[" + table() + "]";
  }
}
