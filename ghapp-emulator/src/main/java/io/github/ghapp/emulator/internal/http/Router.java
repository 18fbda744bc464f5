package io.github.ghapp.emulator.internal.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The route table the {@link FrontDoor} looks every REST request up in. REST routes are registered
 * relative to the REST root ({@link #rest}), which is {@code /api/v3} in GHES mode and empty
 * otherwise; the admin API ({@code /_emulator/...}) with its absolute path ({@link #add}). Matching
 * is a scan of a few dozen routes; literal segments win over placeholders because routes are tried
 * in registration order and more specific ones are registered first. Routes may be added while the
 * server runs (the list is copy-on-write).
 */
public final class Router {

  private final String restPrefix;
  private final List<Entry> entries = new CopyOnWriteArrayList<>();

  public Router(String restPrefix) {
    this.restPrefix = restPrefix;
  }

  public String restPrefix() {
    return restPrefix;
  }

  /** Registers a REST route; {@code pattern} is relative to the REST root, e.g. {@code /app}. */
  public Router rest(
      String method, String pattern, Access access, String documentationUrl, Handler handler) {
    return add(new Route(method, restPrefix + pattern, access, documentationUrl, handler));
  }

  /** Registers a route at an absolute path. */
  public Router add(Route route) {
    entries.add(new Entry(route, split(route.pattern())));
    return this;
  }

  /** The route for this method and raw (still percent-encoded) path, if any. */
  Optional<Route.Match> match(String method, String rawPath) {
    List<String> segments = split(rawPath);
    for (Entry entry : entries) {
      if (!entry.route.method().equals(method) || entry.segments.size() != segments.size()) {
        continue;
      }
      Map<String, String> parameters = matchSegments(entry.segments, segments);
      if (parameters != null) {
        return Optional.of(new Route.Match(entry.route, parameters));
      }
    }
    return Optional.empty();
  }

  private static Map<String, String> matchSegments(List<String> pattern, List<String> path) {
    Map<String, String> parameters = new HashMap<>();
    for (int i = 0; i < pattern.size(); i++) {
      String expected = pattern.get(i);
      String actual;
      try {
        actual = URLDecoder.decode(path.get(i), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException malformed) {
        return null; // "%zz" names no resource: not found, as for any other unknown path
      }
      if (expected.startsWith("{") && expected.endsWith("}")) {
        if (actual.isEmpty()) {
          return null;
        }
        parameters.put(expected.substring(1, expected.length() - 1), actual);
      } else if (!expected.equals(actual)) {
        return null;
      }
    }
    return parameters;
  }

  /** Splits {@code /a/b/} into {@code [a, b]}: GitHub treats a trailing slash like none. */
  static List<String> split(String path) {
    List<String> segments = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (!segment.isEmpty()) {
        segments.add(segment);
      }
    }
    return segments;
  }

  private static final class Entry {
    final Route route;
    final List<String> segments;

    Entry(Route route, List<String> segments) {
      this.route = route;
      this.segments = segments;
    }
  }
}
