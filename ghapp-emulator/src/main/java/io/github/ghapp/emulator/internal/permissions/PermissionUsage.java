package io.github.ghapp.emulator.internal.permissions;

import io.github.ghapp.emulator.internal.auth.Caller;
import io.github.ghapp.emulator.internal.state.PermissionLevel;
import io.github.ghapp.permissions.data.PermissionTables;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each installation, and each of its tokens, really used: per endpoint served past the gate,
 * the permission sets it accepted. Tokens are keyed by a digest, never kept in clear.
 */
public final class PermissionUsage {
  private final Map<Long, Map<String, List<Map<String, PermissionLevel>>>> byInstallation =
      new ConcurrentHashMap<>();
  private final Map<String, Map<String, List<Map<String, PermissionLevel>>>> byToken =
      new ConcurrentHashMap<>();

  public void record(
      Caller.InstallationCaller caller,
      String endpoint,
      List<Map<String, PermissionLevel>> accepted) {
    byInstallation
        .computeIfAbsent(caller.installation().id(), id -> new ConcurrentHashMap<>())
        .put(endpoint, accepted);
    byToken
        .computeIfAbsent(digest(caller.secret()), t -> new ConcurrentHashMap<>())
        .put(endpoint, accepted);
  }

  /** Endpoint to its accepted sets, for everything the installation's tokens did; sorted. */
  public SortedMap<String, List<Map<String, PermissionLevel>>> ofInstallation(long installationId) {
    return new TreeMap<>(byInstallation.getOrDefault(installationId, Map.of()));
  }

  /** As {@link #ofInstallation}, for one token. */
  public SortedMap<String, List<Map<String, PermissionLevel>>> ofToken(String token) {
    return new TreeMap<>(byToken.getOrDefault(digest(token), Map.of()));
  }

  public void clear() {
    byInstallation.clear();
    byToken.clear();
  }

  /**
   * The least permissions that cover every endpoint of {@code used}: for each, the accepted set
   * that adds least to those chosen before it; {@code metadata: read} left out when another
   * repository permission brings it, as GitHub grants it with any of them.
   */
  public static SortedMap<String, String> least(
      SortedMap<String, List<Map<String, PermissionLevel>>> used) {
    Map<String, PermissionLevel> chosen = new TreeMap<>();
    for (List<Map<String, PermissionLevel>> alternatives : used.values()) {
      Map<String, PermissionLevel> best = null;
      for (Map<String, PermissionLevel> set : alternatives) {
        Map<String, PermissionLevel> candidate = new TreeMap<>(chosen);
        set.forEach((name, level) -> candidate.merge(name, level, PermissionUsage::higher));
        if (best == null || weight(candidate) < weight(best)) {
          best = candidate;
        }
      }
      if (best != null) {
        chosen = best;
      }
    }
    boolean otherRepositoryPermission =
        chosen.keySet().stream().anyMatch(p -> !p.equals("metadata") && isRepositoryPermission(p));
    if (otherRepositoryPermission && chosen.get("metadata") == PermissionLevel.READ) {
      chosen.remove("metadata");
    }
    SortedMap<String, String> names = new TreeMap<>();
    chosen.forEach((name, level) -> names.put(name, level.jsonName()));
    return names;
  }

  /** Each set as GitHub writes it, {@code name=level,...}. */
  public static List<String> describe(List<Map<String, PermissionLevel>> alternatives) {
    return alternatives.stream().map(set -> PermissionGate.header(List.of(set))).toList();
  }

  /** Whether GitHub counts {@code permission} among the repository ones. */
  public static boolean isRepositoryPermission(String permission) {
    PermissionTables.Name name = PermissionTables.names().get(permission);
    return name != null && name.level().equals("Repository");
  }

  private static PermissionLevel higher(PermissionLevel a, PermissionLevel b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static int weight(Map<String, PermissionLevel> set) {
    return set.values().stream().mapToInt(level -> level.ordinal() + 1).sum();
  }

  private static String digest(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
