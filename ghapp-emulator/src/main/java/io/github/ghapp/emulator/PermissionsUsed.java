package io.github.ghapp.emulator;

import io.github.ghapp.emulator.internal.permissions.PermissionUsage;
import io.github.ghapp.emulator.internal.state.PermissionLevel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What an installation (or one token) really needed, as the emulator's permission gate saw it:
 * every REST endpoint served, with the permission sets GitHub's table accepts for it, and the least
 * permissions that would have covered them all. An App's test suite can hold its manifest to this:
 *
 * <pre>{@code
 * PermissionsUsed used = emu.permissionsUsed(42);
 * assertThat(used.isWithin(Map.of("issues", "write", "contents", "read"))).isTrue();
 * used.least();   // {issues=write}
 * }</pre>
 *
 * <p>{@code metadata: read} is left out of {@link #least()} when another repository permission
 * brings it, as GitHub grants it with any of them.
 */
public final class PermissionsUsed {
  private final SortedMap<String, List<String>> endpoints;
  private final SortedMap<String, String> least;
  private final SortedMap<String, List<Map<String, PermissionLevel>>> used;

  PermissionsUsed(SortedMap<String, List<Map<String, PermissionLevel>>> used) {
    this.used = used;
    SortedMap<String, List<String>> described = new TreeMap<>();
    used.forEach(
        (endpoint, alternatives) ->
            described.put(endpoint, PermissionUsage.describe(alternatives)));
    this.endpoints = Collections.unmodifiableSortedMap(described);
    this.least = Collections.unmodifiableSortedMap(PermissionUsage.least(used));
  }

  /**
   * Each endpoint served, {@code METHOD /template}, with the sets GitHub's table accepts for it
   * (any one suffices), each written {@code name=level,...}.
   */
  public SortedMap<String, List<String>> endpoints() {
    return endpoints;
  }

  /** The least permissions that cover every endpoint served, name to level. */
  public SortedMap<String, String> least() {
    return least;
  }

  /** Whether {@code granted} (a manifest's, a token request's) covered every endpoint served. */
  public boolean isWithin(Map<String, String> granted) {
    return beyond(granted).isEmpty();
  }

  /**
   * The endpoints that needed more than {@code granted}, each with what it accepts; empty when
   * every endpoint was within it.
   */
  public List<String> beyond(Map<String, String> granted) {
    Map<String, String> effective = new TreeMap<>(granted);
    if (granted.keySet().stream().anyMatch(PermissionUsage::isRepositoryPermission)) {
      effective.putIfAbsent("metadata", "read"); // GitHub grants it with any repository permission
    }
    List<String> over = new ArrayList<>();
    used.forEach(
        (endpoint, alternatives) -> {
          if (alternatives.stream().noneMatch(set -> within(set, effective))) {
            over.add(endpoint + " needs " + String.join(" or ", endpoints.get(endpoint)));
          }
        });
    return over;
  }

  private static boolean within(Map<String, PermissionLevel> set, Map<String, String> granted) {
    return set.entrySet().stream()
        .allMatch(
            e ->
                PermissionLevel.parse(granted.get(e.getKey()))
                    .map(g -> g.compareTo(e.getValue()) >= 0)
                    .orElse(false));
  }

  @Override
  public String toString() {
    return "PermissionsUsed" + least + " for " + endpoints.keySet();
  }
}
