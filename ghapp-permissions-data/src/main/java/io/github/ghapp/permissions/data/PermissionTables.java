package io.github.ghapp.permissions.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GitHub's own tables of the permission (and level) each REST endpoint needs when it is called with
 * an installation access token, one per REST API version and GitHub Enterprise Server release, as
 * published in the github/docs repository (© GitHub, Inc., CC-BY-4.0,
 * https://creativecommons.org/licenses/by/4.0/; filtered to installation-token entries, two
 * permission names renamed to the token API's spelling).
 *
 * <p>These are the rows as GitHub wrote them, nothing more: a table is flattened, one row per
 * (permission, endpoint), so several rows of one endpoint may be all required together or
 * alternatives (their {@link Row#additionalPermissions()} is then true). Deciding what that means
 * is left to each reader. Each table is read once, on first use, and kept.
 *
 * <pre>{@code
 * Map<String, List<PermissionTables.Row>> byEndpoint =
 *     PermissionTables.rows(PermissionTables.GITHUB_COM_2022_11_28).stream()
 *         .collect(Collectors.groupingBy(row -> row.verb() + " " + row.path()));
 * byEndpoint.get("POST /repos/{owner}/{repo}/issues");   // one row: issues, write
 * }</pre>
 */
public final class PermissionTables {
  /** github.com, REST API version {@code 2022-11-28}. */
  public static final String GITHUB_COM_2022_11_28 = "fpt-2022-11-28";

  /** github.com, REST API version {@code 2026-03-10}. */
  public static final String GITHUB_COM_2026_03_10 = "fpt-2026-03-10";

  /** GitHub Enterprise Server 3.19, REST API version {@code 2022-11-28}. */
  public static final String GHES_3_19 = "ghes-3.19-2022-11-28";

  private static final List<String> TABLES =
      List.of(GITHUB_COM_2022_11_28, GITHUB_COM_2026_03_10, GHES_3_19);
  private static final Map<String, List<Row>> ROWS = new ConcurrentHashMap<>();
  private static volatile Map<String, Name> names;

  private PermissionTables() {}

  /**
   * One (permission, endpoint) pair.
   *
   * @param permission the name in an installation token's {@code permissions}, e.g. {@code issues}
   * @param access the least level for this endpoint: {@code read}, {@code write} or {@code admin}
   * @param verb the HTTP method, upper case, e.g. {@code POST}
   * @param path the path template as GitHub writes it, e.g. {@code /repos/{owner}/{repo}/issues}
   *     (relative to {@code /api/v3} on GHES)
   * @param additionalPermissions true when the endpoint involves more than this one permission
   *     (several needed together, alternatives, or one the table left out, mostly {@code metadata})
   * @param category the endpoint's REST reference category, e.g. {@code issues}
   * @param slug the operation's anchor on its reference page, e.g. {@code create-an-issue}
   */
  public record Row(
      String permission,
      String access,
      String verb,
      String path,
      boolean additionalPermissions,
      String category,
      String slug) {}

  /**
   * A permission's name and what GitHub says of it.
   *
   * @param permission the name in a token's {@code permissions}
   * @param inTokenSchema whether the token API's published schema ({@code app-permissions}) names
   *     it
   * @param level {@code Repository}, {@code Organization}, {@code Enterprise} or {@code User}
   * @param title the name GitHub's settings pages show, e.g. {@code Pull requests}
   */
  public record Name(String permission, boolean inTokenSchema, String level, String title) {}

  /** The tables this jar carries, e.g. {@value #GITHUB_COM_2022_11_28}. */
  public static List<String> tables() {
    return TABLES;
  }

  /**
   * The rows of one table, in GitHub's order (by path, then verb, then permission).
   *
   * @throws IllegalArgumentException for a table this jar does not carry, naming those it does
   */
  public static List<Row> rows(String table) {
    Objects.requireNonNull(table, "table");
    if (!TABLES.contains(table)) {
      throw new IllegalArgumentException(
          "no permission table '" + table + "'; the tables are " + String.join(", ", TABLES));
    }
    return ROWS.computeIfAbsent(table, PermissionTables::readRows);
  }

  /** Every permission name of the tables, by name. */
  public static Map<String, Name> names() {
    Map<String, Name> read = names;
    if (read == null) {
      Map<String, Name> byName = new LinkedHashMap<>();
      for (String[] f : read("permission-names.tsv", 8)) {
        byName.put(f[1], new Name(f[1], f[2].equals("yes"), f[3], f[4]));
      }
      names = read = Collections.unmodifiableMap(byName);
    }
    return read;
  }

  private static List<Row> readRows(String table) {
    List<Row> rows = new ArrayList<>();
    for (String[] f : read(table + ".tsv", 7)) {
      rows.add(
          new Row(
              f[0],
              f[1],
              f[2].toUpperCase(java.util.Locale.ROOT),
              f[3],
              f[4].equals("true"),
              f[5],
              f[6]));
    }
    return List.copyOf(rows);
  }

  /** The data lines of a resource, each split on tabs into exactly {@code columns} fields. */
  private static List<String[]> read(String resource, int columns) {
    try (InputStream in = PermissionTables.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from ghapp-permissions-data's jar");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String[]> lines = new ArrayList<>();
      reader.readLine(); // the header
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String[] fields = line.split("\t", -1);
        if (fields.length != columns) {
          throw new IllegalStateException(
              resource + " has a line of " + fields.length + " fields, not " + columns);
        }
        lines.add(fields);
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + resource + " from its jar", e);
    }
  }
}
