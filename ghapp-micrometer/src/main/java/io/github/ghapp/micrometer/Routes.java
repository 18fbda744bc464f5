package io.github.ghapp.micrometer;

import io.github.ghapp.auth.EndpointNeed;
import io.github.ghapp.auth.EndpointPermissions;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names requests to GitHub for tags with a bounded number of values: the method, the route's
 * template and the class of the status.
 *
 * <p>ghapp reports the route as the caller wrote it. A template ({@code /repos/{owner}/{repo}}) is
 * kept; a concrete path ({@code /repos/octo-org/hello-world}) would make one series per repository,
 * so it is named by GitHub's template for it, found in ghapp's table of GitHub's endpoints; a path
 * the table does not know has its numeric segments replaced by {@code {id}}. Beyond {@link
 * #MAX_ROUTES} distinct routes, the rest are {@code other}.
 */
final class Routes {
  static final int MAX_ROUTES = 200;

  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
  private static final Pattern ORIGIN = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*");
  private static final Pattern NUMBER = Pattern.compile("(?<=/)[0-9]+(?=/|$)");
  private static final String[] STATUS_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};

  private final TagValues routes = new TagValues(MAX_ROUTES);

  /** {@code method} if it is a standard HTTP method, else {@code other}. */
  static String method(String method) {
    return method != null && METHODS.contains(method) ? method : TagValues.OTHER;
  }

  /** {@code 2xx} and the like; {@code none} when no answer came (status 0). */
  static String statusClass(int status) {
    if (status == 0) {
      return "none";
    }
    return status >= 100 && status < 600 ? STATUS_CLASSES[status / 100 - 1] : TagValues.OTHER;
  }

  /** The route's template, bounded. */
  String route(String method, String route) {
    return route == null ? TagValues.OTHER : routes.admit(template(method, route));
  }

  /** The template of {@code route} as written: see the class comment. */
  static String template(String method, String route) {
    String path = ORIGIN.matcher(route).replaceFirst("");
    int end = indexOfAny(path, '?', '#');
    if (end >= 0) {
      path = path.substring(0, end);
    }
    if (path.isEmpty() || path.charAt(0) != '/') {
      return TagValues.OTHER;
    }
    if (path.indexOf('{') >= 0 || path.equals("/graphql")) {
      return path;
    }
    if (METHODS.contains(method)) {
      try {
        EndpointNeed need = Table.CATALOG.need(method + " " + path);
        if (need.kind() != EndpointNeed.Kind.UNKNOWN) {
          String endpoint = need.endpoint();
          return endpoint.substring(endpoint.indexOf(' ') + 1);
        }
      } catch (IllegalArgumentException notAnEndpoint) {
        // named below, like any path the table does not know
      }
    }
    return NUMBER.matcher(path).replaceAll("{id}");
  }

  private static int indexOfAny(String s, char a, char b) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == a || c == b) {
        return i;
      }
    }
    return -1;
  }

  /** github.com's table, read on the first concrete path. */
  private static final class Table {
    static final EndpointPermissions CATALOG = EndpointPermissions.githubCom();
  }
}
