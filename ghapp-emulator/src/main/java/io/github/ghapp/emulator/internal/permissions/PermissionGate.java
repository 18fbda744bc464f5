package io.github.ghapp.emulator.internal.permissions;

import io.github.ghapp.emulator.internal.auth.Caller;
import io.github.ghapp.emulator.internal.auth.RepositoryAccess;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import io.github.ghapp.emulator.internal.state.PermissionLevel;
import io.github.ghapp.emulator.internal.state.Permissions;
import io.github.ghapp.emulator.internal.state.Repository;
import io.github.ghapp.permissions.data.PermissionTables;
import io.github.ghapp.permissions.data.PermissionTables.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * GitHub's permission gate: before a REST handler runs for an installation token, the permission
 * its route needs, read from GitHub's published table for this GitHub (github.com or GHES), checked
 * against the token's permissions. A refusal is GitHub's {@code 403 Resource not accessible by
 * integration} with {@code X-Accepted-GitHub-Permissions}; every gated answer carries that header,
 * as GitHub sends it to Apps.
 *
 * <p>The table is flattened (one row per permission and endpoint). Where it lists several rows for
 * an endpoint without saying whether all are needed, the gate takes each row as an alternative, so
 * that it never refuses what GitHub allows (GitHub's reference says, e.g., that updating an issue
 * takes {@code issues} or {@code pull_requests}). A route GitHub's table does not list (such as
 * {@code GET /installation/repositories}) needs no permission.
 *
 * <p>A repository route is gated only for a repository the token reaches; for one it does not, the
 * handler answers as GitHub does (404 for a private one, reads of a public one allowed), so the
 * gate never tells a caller that a private repository exists.
 */
public final class PermissionGate {
  private final Map<String, List<Map<String, PermissionLevel>>> needs = new HashMap<>();
  private final EmulatorState state;
  private final RepositoryAccess repositoryAccess;
  private final PermissionUsage usage;

  /**
   * @param table one of {@link PermissionTables#tables()}
   */
  public PermissionGate(
      String table, EmulatorState state, RepositoryAccess repositoryAccess, PermissionUsage usage) {
    this.state = state;
    this.repositoryAccess = repositoryAccess;
    this.usage = usage;
    Map<String, List<Row>> byEndpoint = new LinkedHashMap<>();
    for (Row row : PermissionTables.rows(table)) {
      byEndpoint.computeIfAbsent(row.verb() + " " + row.path(), e -> new ArrayList<>()).add(row);
    }
    byEndpoint.forEach(
        (endpoint, rows) -> {
          List<Map<String, PermissionLevel>> alternatives = new ArrayList<>();
          for (Row row : rows) {
            alternatives.add(
                Map.of(row.permission(), PermissionLevel.parse(row.access()).orElseThrow()));
          }
          needs.put(endpoint, List.copyOf(alternatives));
        });
  }

  /** Whether GitHub's table lists {@code METHOD template}: how many routes the gate covers. */
  public boolean gates(String method, String template) {
    return needs.containsKey(method + " " + template);
  }

  /**
   * Checks one request; {@code template} is its route's pattern relative to the REST root.
   *
   * @return what to send as {@code X-Accepted-GitHub-Permissions}, or empty when the route is not
   *     gated for this caller
   * @throws Refused when the token has none of the accepted sets
   */
  public Optional<String> check(
      Caller caller, String method, String template, Map<String, String> parameters) {
    List<Map<String, PermissionLevel>> accepted = needs.get(method + " " + template);
    if (accepted == null || !(caller instanceof Caller.InstallationCaller installation)) {
      return Optional.empty();
    }
    String owner = parameters.get("owner");
    String repo = parameters.get("repo");
    if (owner != null && repo != null) {
      Optional<Repository> repository = state.repository(owner, repo);
      if (repository.isEmpty() || !repositoryAccess.reaches(installation, repository.get())) {
        return Optional.empty();
      }
    }
    String header = header(accepted);
    Permissions granted = installation.token().permissions();
    boolean allowed =
        accepted.stream()
            .anyMatch(
                set ->
                    set.entrySet().stream()
                        .allMatch(e -> granted.allows(e.getKey(), e.getValue())));
    if (!allowed) {
      throw new Refused(header);
    }
    usage.record(installation, method + " " + template, accepted);
    return Optional.of(header);
  }

  /** As GitHub writes it: {@code ,} joins one set, {@code ; } separates alternatives. */
  static String header(List<Map<String, PermissionLevel>> accepted) {
    return accepted.stream()
        .map(
            set ->
                set.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue().jsonName())
                    .collect(Collectors.joining(",")))
        .collect(Collectors.joining("; "));
  }

  /** The token lacks every accepted set; carries the header for GitHub's 403. */
  public static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String accepted;

    Refused(String accepted) {
      super(RepositoryAccess.NOT_ACCESSIBLE, null, false, false);
      this.accepted = accepted;
    }

    public String accepted() {
      return accepted;
    }
  }
}
