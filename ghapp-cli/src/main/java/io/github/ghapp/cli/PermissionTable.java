package io.github.ghapp.cli;

import io.github.ghapp.auth.EndpointPermissions;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of GitHub's permission tables {@code --for} reads: the one of the GitHub the app talks to,
 * since a GitHub Enterprise Server lacks many of github.com's endpoints and has some of its own.
 *
 * <ul>
 *   <li>github.com's table (for the API version ghapp sends, {@code 2022-11-28}) for no base URL,
 *       {@code api.github.com}, GitHub Enterprise Cloud with data residency ({@code
 *       api.SUBDOMAIN.ghe.com}: github.com's API on GitHub's own domain, where no GHES lives), and
 *       a loopback host with REST at its root: the emulator, which emulates github.com there;
 *   <li>a GHES table for anything else, the emulator's GHES mode ({@code
 *       http://127.0.0.1:PORT/api/v3}) included: the newest release ghapp has, or the one {@code
 *       --ghes} names (which wins whatever the base URL).
 * </ul>
 *
 * Only a command given {@code --for} comes here: a plain {@code ghapp token} loads no table.
 */
final class PermissionTable {
  private static final Pattern GHES_TABLE = Pattern.compile("ghes-(.+)-\\d{4}-\\d{2}-\\d{2}");

  private PermissionTable() {}

  /** The table for an app at {@code baseUrl} (null: github.com), or {@code ghes}'s when given. */
  static EndpointPermissions forBaseUrl(String baseUrl, String ghes) {
    if (ghes == null && isGitHubCom(baseUrl)) {
      return EndpointPermissions.githubCom();
    }
    return PermissionsCommand.catalog(null, ghes != null ? ghes : newestGhes());
  }

  /**
   * Whether {@code baseUrl} is github.com's API (or the emulator's, which is shaped like it). One
   * that does not parse counts as a GHES; connecting refuses it with the reason afterwards.
   */
  static boolean isGitHubCom(String baseUrl) {
    if (baseUrl == null) {
      return true;
    }
    URI uri;
    try {
      uri = new URI(baseUrl.strip());
    } catch (URISyntaxException e) {
      return false;
    }
    if (uri.getHost() == null) {
      return false;
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (host.equals("api.github.com") || host.endsWith(".ghe.com")) {
      return true;
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
    return LoopbackHosts.isLoopback(host) && !path.endsWith("/api/v3");
  }

  /** How messages name a table: {@code GitHub.com} or {@code GHES 3.19}. */
  static String title(EndpointPermissions catalog) {
    Matcher ghes = GHES_TABLE.matcher(catalog.table());
    return ghes.matches() ? "GHES " + ghes.group(1) : "GitHub.com";
  }

  private static String newestGhes() {
    List<String> releases = EndpointPermissions.ghesReleases();
    return releases.get(releases.size() - 1);
  }
}
