package io.github.ghapp.auth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Permissions that are needed together, each at a level: {@code issues=write,contents=read}. GitHub
 * writes them so in its {@code X-Accepted-GitHub-Permissions} header, where {@code ;} separates
 * sets that are alternatives; ghapp uses the same spelling everywhere.
 *
 * <p>Sets are values, ordered by name, and compare levels as GitHub does: {@code read} < {@code
 * write} < {@code admin}.
 *
 * <pre>{@code
 * PermissionSet needed = PermissionSet.parse("pull_requests=write,contents=read");
 * needed.isCoveredBy(token.permissions());   // true when the token has both, at least at those levels
 * List<PermissionSet> either = PermissionSet.parseAlternatives(
 *     response.headers().firstValue("x-accepted-github-permissions").orElse(null));
 * }</pre>
 */
public final class PermissionSet {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final List<String> LEVELS = List.of("read", "write", "admin");
  private static final PermissionSet EMPTY = new PermissionSet(new TreeMap<>());

  private final SortedMap<String, String> levels;

  private PermissionSet(SortedMap<String, String> levels) {
    this.levels = Collections.unmodifiableSortedMap(levels);
  }

  /** The set that needs nothing. */
  public static PermissionSet empty() {
    return EMPTY;
  }

  /**
   * A set of these permissions at these levels.
   *
   * @throws IllegalArgumentException for a name that is not a permission's spelling (lower case,
   *     digits and underscores) or a level other than read, write or admin
   */
  public static PermissionSet of(Map<String, String> levels) {
    SortedMap<String, String> copy = new TreeMap<>();
    levels.forEach((name, level) -> copy.put(checkName(name), checkLevel(name, level)));
    return new PermissionSet(copy);
  }

  /**
   * Reads {@code name=level} items joined by commas, spaces around them allowed; the empty string
   * is the empty set.
   *
   * @throws IllegalArgumentException naming the item that is not {@code name=level}
   */
  public static PermissionSet parse(String text) {
    Objects.requireNonNull(text, "text");
    SortedMap<String, String> levels = new TreeMap<>();
    if (text.isBlank()) {
      return EMPTY;
    }
    for (String item : text.split(",", -1)) {
      String trimmed = item.strip();
      int equals = trimmed.indexOf('=');
      if (equals < 0) {
        throw new IllegalArgumentException(
            "'" + trimmed + "' is not name=level, e.g. issues=write");
      }
      String name = checkName(trimmed.substring(0, equals).strip());
      String level =
          checkLevel(name, trimmed.substring(equals + 1).strip().toLowerCase(Locale.ROOT));
      levels.merge(name, level, PermissionSet::higher);
    }
    return new PermissionSet(levels);
  }

  /**
   * Reads GitHub's {@code X-Accepted-GitHub-Permissions}: alternative sets separated by {@code ;},
   * any one of which suffices. Never throws: a missing or blank header is an empty list, and an
   * item GitHub might add in a shape not known today is left out rather than failing the request it
   * came with.
   */
  public static List<PermissionSet> parseAlternatives(String header) {
    if (header == null || header.isBlank()) {
      return List.of();
    }
    List<PermissionSet> sets = new ArrayList<>();
    for (String alternative : header.split(";")) {
      SortedMap<String, String> levels = new TreeMap<>();
      for (String item : alternative.split(",")) {
        int equals = item.indexOf('=');
        if (equals < 0) {
          continue;
        }
        String name = item.substring(0, equals).strip();
        String level = item.substring(equals + 1).strip().toLowerCase(Locale.ROOT);
        if (NAME.matcher(name).matches() && LEVELS.contains(level)) {
          levels.merge(name, level, PermissionSet::higher);
        }
      }
      if (!levels.isEmpty() && !sets.contains(new PermissionSet(levels))) {
        sets.add(new PermissionSet(levels));
      }
    }
    return List.copyOf(sets);
  }

  /** Each permission and its level, by name. */
  public SortedMap<String, String> levels() {
    return levels;
  }

  public boolean isEmpty() {
    return levels.isEmpty();
  }

  /** Whether {@code granted} (a token's or an installation's permissions) has all of this set. */
  public boolean isCoveredBy(Map<String, String> granted) {
    return levels.entrySet().stream()
        .allMatch(e -> rank(granted.get(e.getKey())) >= rank(e.getValue()));
  }

  /** Both sets' permissions, each at the higher of its two levels. */
  public PermissionSet union(PermissionSet other) {
    SortedMap<String, String> merged = new TreeMap<>(levels);
    other.levels.forEach((name, level) -> merged.merge(name, level, PermissionSet::higher));
    return new PermissionSet(merged);
  }

  /** This set without {@code name}. */
  public PermissionSet without(String name) {
    SortedMap<String, String> rest = new TreeMap<>(levels);
    rest.remove(name);
    return new PermissionSet(rest);
  }

  /** The higher of two levels, e.g. {@code write} for read and write. */
  static String higher(String a, String b) {
    return rank(a) >= rank(b) ? a : b;
  }

  /** 0 for none, then 1 read, 2 write, 3 admin. */
  static int rank(String level) {
    return level == null ? 0 : LEVELS.indexOf(level) + 1;
  }

  private static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "'"
              + name
              + "' is not a permission name (lower case and underscores, e.g. pull_requests)");
    }
    return name;
  }

  private static String checkLevel(String name, String level) {
    if (!LEVELS.contains(level)) {
      throw new IllegalArgumentException(
          name + "=" + level + ": the level must be read, write or admin");
    }
    return level;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PermissionSet other && levels.equals(other.levels);
  }

  @Override
  public int hashCode() {
    return levels.hashCode();
  }

  /** As GitHub writes a set: {@code contents=read,issues=write}; the empty set is empty. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    levels.forEach(
        (name, level) ->
            out.append(out.length() == 0 ? "" : ",").append(name).append('=').append(level));
    return out.toString();
  }
}
