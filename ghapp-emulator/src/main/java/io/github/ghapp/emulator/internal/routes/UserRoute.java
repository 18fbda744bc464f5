package io.github.ghapp.emulator.internal.routes;

import io.github.ghapp.emulator.RouteHandler;
import io.github.ghapp.emulator.internal.state.PermissionLevel;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A route a test added (Java builder or admin API), checked: an upper-case method GitHub's REST API
 * uses, a template relative to the REST root with whole-segment {@code {name}} placeholders, and
 * the permissions it declares on top of what GitHub's table says.
 *
 * @param template e.g. {@code /repos/{owner}/{repo}/pulls}
 * @param permissions all of them are needed by an installation token; may be empty
 */
public record UserRoute(
    String method,
    String template,
    Map<String, PermissionLevel> permissions,
    RouteHandler handler) {

  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
  private static final Pattern SEGMENT =
      Pattern.compile("\\{[A-Za-z_][A-Za-z0-9_]*\\}|[^{}?#%\\s]+");

  public UserRoute {
    Objects.requireNonNull(handler, "handler");
    permissions = Map.copyOf(permissions);
  }

  /**
   * Checks and normalises what a user gave.
   *
   * @param permissions name to {@code read}, {@code write} or {@code admin}; null for none
   * @throws IllegalArgumentException naming what is wrong and what would be right
   */
  public static UserRoute of(
      String method, String template, Map<String, String> permissions, RouteHandler handler) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(template, "path");
    Objects.requireNonNull(handler, "handler");
    String verb = method.trim().toUpperCase(Locale.ROOT);
    if (!METHODS.contains(verb)) {
      throw new IllegalArgumentException(
          "route method '" + method + "' is not one of GET, POST, PUT, PATCH or DELETE");
    }
    String path =
        template.length() > 1 && template.endsWith("/")
            ? template.substring(0, template.length() - 1)
            : template;
    checkTemplate(path);
    Map<String, PermissionLevel> levels = new TreeMap<>();
    if (permissions != null) {
      permissions.forEach(
          (name, level) -> {
            if (name == null || name.isBlank() || level == null) {
              throw new IllegalArgumentException(
                  "route " + verb + " " + template + ": a permission needs a name and a level");
            }
            levels.put(
                name,
                PermissionLevel.parse(level)
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                "route "
                                    + verb
                                    + " "
                                    + template
                                    + ": permission '"
                                    + name
                                    + "' has level '"
                                    + level
                                    + "'; use read, write or admin")));
          });
    }
    return new UserRoute(verb, path, levels, handler);
  }

  /** {@code GET /repos/{owner}/{repo}/pulls}, the way GitHub's table names an endpoint. */
  public String endpoint() {
    return method + " " + template;
  }

  private static void checkTemplate(String template) {
    String hint =
        "; give a path relative to the REST root such as /repos/{owner}/{repo}/pulls, with"
            + " {name} placeholders for whole segments";
    if (!template.startsWith("/") || template.length() < 2) {
      throw new IllegalArgumentException(
          "route path '" + template + "' does not start with '/'" + hint);
    }
    if (template.startsWith("/_emulator")) {
      throw new IllegalArgumentException(
          "route path '" + template + "' is under /_emulator, the emulator's own API" + hint);
    }
    String[] segments = template.substring(1).split("/", -1);
    for (String segment : segments) {
      if (!SEGMENT.matcher(segment).matches()) {
        throw new IllegalArgumentException(
            "route path '" + template + "' has a bad segment '" + segment + "'" + hint);
      }
    }
  }
}
