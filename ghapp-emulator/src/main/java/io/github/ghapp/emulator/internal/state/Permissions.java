package io.github.ghapp.emulator.internal.state;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An immutable set of grants, permission name to level, e.g. {@code {contents: read, issues:
 * write}}. Iteration is in name order so that JSON output is stable.
 */
public final class Permissions {

  /**
   * The repository permissions GitHub knows (GITHUB-FACTS.md section 8); used to imply {@code
   * metadata}.
   */
  private static final Set<String> REPOSITORY_PERMISSIONS =
      Set.of(
          "actions",
          "administration",
          "artifact_metadata",
          "attestations",
          "checks",
          "code_quality",
          "codespaces",
          "contents",
          "dependabot_secrets",
          "deployments",
          "discussions",
          "environments",
          "issues",
          "merge_queues",
          "metadata",
          "packages",
          "pages",
          "pull_requests",
          "repository_custom_properties",
          "repository_hooks",
          "secret_scanning_alerts",
          "secrets",
          "security_events",
          "single_file",
          "statuses",
          "vulnerability_alerts",
          "workflows");

  public static final Permissions NONE = new Permissions(Map.of());

  private final Map<String, PermissionLevel> grants;

  private Permissions(Map<String, PermissionLevel> grants) {
    this.grants = Collections.unmodifiableMap(new TreeMap<>(grants));
  }

  /**
   * Parses {@code name -> "read"|"write"|"admin"}; a bad level is refused with a message naming it.
   * GitHub grants {@code metadata: read} to every app that has any repository permission, so it is
   * added when missing.
   */
  public static Permissions parse(Map<String, String> raw, String where) {
    Map<String, PermissionLevel> grants = new TreeMap<>();
    if (raw != null) {
      raw.forEach(
          (name, level) ->
              grants.put(
                  name,
                  PermissionLevel.parse(level)
                      .orElseThrow(
                          () ->
                              new IllegalArgumentException(
                                  where
                                      + ": permission '"
                                      + name
                                      + "' has level '"
                                      + level
                                      + "'; use read, write or admin"))));
    }
    boolean anyRepositoryPermission =
        grants.keySet().stream().anyMatch(REPOSITORY_PERMISSIONS::contains);
    if (anyRepositoryPermission) {
      grants.putIfAbsent("metadata", PermissionLevel.READ);
    }
    return new Permissions(grants);
  }

  public static Permissions of(Map<String, PermissionLevel> grants) {
    return new Permissions(grants);
  }

  Optional<PermissionLevel> level(String name) {
    return Optional.ofNullable(grants.get(name));
  }

  /** True when this set holds {@code name} at {@code required} or above. */
  public boolean allows(String name, PermissionLevel required) {
    PermissionLevel granted = grants.get(name);
    return granted != null && granted.covers(required);
  }

  /** True when every grant in {@code requested} is within this set. */
  boolean covers(Permissions requested) {
    return requested.grants.entrySet().stream().allMatch(e -> allows(e.getKey(), e.getValue()));
  }

  public Map<String, String> asJsonMap() {
    Map<String, String> json = new TreeMap<>();
    grants.forEach((name, level) -> json.put(name, level.jsonName()));
    return json;
  }

  public boolean isEmpty() {
    return grants.isEmpty();
  }

  public int size() {
    return grants.size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Permissions && ((Permissions) o).grants.equals(grants);
  }

  @Override
  public int hashCode() {
    return grants.hashCode();
  }

  @Override
  public String toString() {
    return asJsonMap().toString();
  }
}
