package io.github.ghapp.auth.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An Octokit-style route, {@code "POST /repos/{owner}/{repo}/issues"}, expanded with parameters:
 * each {@code {name}} is filled from the parameter of that name, URL-encoded ({@code {+name}} keeps
 * slashes, for file paths); the remaining parameters become the query of a GET, HEAD or DELETE and
 * the JSON body of anything else.
 *
 * @param method the HTTP method, upper case
 * @param uri the full request URI
 * @param body the JSON body, or null for none
 * @param template the path as the caller wrote it, placeholders kept and any query left out, e.g.
 *     {@code /repos/{owner}/{repo}/issues}: how the listener names the route, whatever it expanded
 *     to
 */
public record Route(String method, URI uri, JsonNode body, String template) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\+?)([A-Za-z0-9_]+)}");
  private static final Pattern METHOD = Pattern.compile("[A-Z]+");
  private static final Set<String> QUERY_METHODS = Set.of("GET", "HEAD", "DELETE");

  public static Route expand(String route, Map<String, ?> params, Endpoints endpoints) {
    if (route == null || route.isBlank()) {
      throw new IllegalArgumentException(
          "route must be like \"GET /repos/{owner}/{repo}\", got '" + route + "'");
    }
    String[] parts = route.strip().split("\\s+", 2);
    String method = "GET";
    String path = parts[0];
    if (parts.length == 2) {
      method = parts[0].toUpperCase(Locale.ROOT);
      path = parts[1];
      if (!METHOD.matcher(method).matches()) {
        throw new IllegalArgumentException(
            "route '" + route + "' must start with an HTTP method, e.g. \"GET /meta\"");
      }
    }
    Map<String, Object> rest = new LinkedHashMap<>();
    if (params != null) {
      params.forEach((k, v) -> rest.put(k, v));
    }
    StringBuilder expanded = new StringBuilder();
    Matcher m = PLACEHOLDER.matcher(path);
    while (m.find()) {
      String name = m.group(2);
      if (!rest.containsKey(name) || rest.get(name) == null) {
        throw new IllegalArgumentException("route '" + route + "' needs parameter '" + name + "'");
      }
      String value = String.valueOf(rest.remove(name));
      String encoded = encode(value);
      if (!m.group(1).isEmpty()) {
        encoded = encoded.replace("%2F", "/");
      }
      m.appendReplacement(expanded, Matcher.quoteReplacement(encoded));
    }
    m.appendTail(expanded);
    String target = expanded.toString();

    URI uri;
    if (target.startsWith("http://") || target.startsWith("https://")) {
      uri = URI.create(target);
      if (!endpoints.isSameOrigin(uri)) {
        // Credentials must never travel to a host other than the configured GitHub.
        throw new IllegalArgumentException(
            "route URL "
                + (uri.getHost() == null
                    ? "'" + Endpoints.redact(target) + "'"
                    : "server " + Endpoints.hostAndPort(uri))
                + " is not the configured GitHub ("
                + Endpoints.hostAndPort(endpoints.rest())
                + "); refusing to send credentials there");
      }
    } else if (target.startsWith("/")) {
      uri = endpoints.resolve(target);
    } else {
      throw new IllegalArgumentException(
          "route '" + route + "' must have a path starting with '/', e.g. \"GET /meta\"");
    }

    JsonNode body = null;
    if (!rest.isEmpty()) {
      if (QUERY_METHODS.contains(method)) {
        String query =
            rest.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> encode(e.getKey()) + "=" + encode(queryValue(e.getValue())))
                .collect(Collectors.joining("&"));
        String s = uri.toString();
        uri = URI.create(s + (uri.getRawQuery() == null ? "?" : "&") + query);
      } else {
        body = Json.tree(rest);
      }
    }
    int query = path.indexOf('?');
    return new Route(method, uri, body, query < 0 ? path : path.substring(0, query));
  }

  /** This route named as {@code template}: a page after the first is named as the first. */
  public Route withTemplate(String template) {
    return new Route(method, uri, body, template);
  }

  /**
   * {@code METHOD /path}, as named in messages and logs: never the query, which is nobody's
   * business.
   */
  public String describe() {
    return method + " " + uri.getRawPath();
  }

  private static String queryValue(Object v) {
    if (v instanceof Collection<?> c) {
      return c.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
    return String.valueOf(v);
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%7E", "~");
  }
}
