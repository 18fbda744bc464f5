package io.github.ghapp.emulator.internal.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The route table the {@link FrontDoor} looks every REST request up in. REST routes are registered
 * relative to the REST root ({@link #rest}), which is {@code /api/v3} in GHES mode and empty
 * otherwise; the admin API ({@code /_emulator/...}) with its absolute path ({@link #add}).
 *
 * <p>Routes are kept by method and number of segments, so a look-up only tries the few that could
 * match. Of those that match, the most specific wins as on GitHub: at the first segment where two
 * differ, a literal beats a placeholder ({@code /repos/{owner}/{repo}/issues/events} before {@code
 * .../issues/{issue_number}}), whatever the order they were registered in; between equals, the
 * first registered. Each segment is decoded once per request, and parameters are collected for the
 * winner only. Routes may be added while the server runs (the lists are copy-on-write).
 */
public final class Router {

  private final String restPrefix;
  private final List<Entry> entries = new CopyOnWriteArrayList<>();
  private final Map<String, List<Entry>> byShape = new ConcurrentHashMap<>();

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
    Entry entry = new Entry(route, split(route.pattern()));
    entries.add(entry);
    byShape
        .computeIfAbsent(
            shape(route.method(), entry.segments.size()), k -> new CopyOnWriteArrayList<>())
        .add(entry);
    return this;
  }

  /**
   * Registers a route in place of those of the same method and shape ({@link #shapeOf}): a user
   * route replacing a 501 fallback, or an earlier user route. Added before the old ones go, so that
   * a request meanwhile finds one of them.
   */
  public Router replace(Route route) {
    add(route);
    String shape = shapeOf(route.pattern());
    Predicate<Entry> replaced =
        e ->
            e.route != route
                && e.route.method().equals(route.method())
                && shapeOf(e.route.pattern()).equals(shape);
    entries.removeIf(replaced);
    byShape.get(shape(route.method(), split(route.pattern()).size())).removeIf(replaced);
    return this;
  }

  /** Every route, in registration order. */
  public List<Route> routes() {
    return entries.stream().map(e -> e.route).toList();
  }

  /**
   * A pattern with its placeholders' names left out, {@code /repos/{}/{}/pulls}: two patterns of
   * one shape match the same paths.
   */
  public static String shapeOf(String pattern) {
    return String.join(
        "/", split(pattern).stream().map(s -> s.startsWith("{") ? "{}" : s).toList());
  }

  /** Whether a route for exactly this method and pattern (absolute) is registered. */
  public boolean has(String method, String pattern) {
    return entries.stream()
        .anyMatch(e -> e.route.method().equals(method) && e.route.pattern().equals(pattern));
  }

  /** The route for this method and raw (still percent-encoded) path, if any. */
  Optional<Route.Match> match(String method, String rawPath) {
    List<String> segments = split(rawPath);
    List<Entry> candidates = byShape.get(shape(method, segments.size()));
    if (candidates == null) {
      return Optional.empty();
    }
    String[] decoded = new String[segments.size()];
    for (int i = 0; i < decoded.length; i++) {
      try {
        decoded[i] = URLDecoder.decode(segments.get(i), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException malformed) {
        return Optional.empty(); // "%zz" names no resource: not found, as any other unknown path
      }
    }
    Entry best = null;
    for (Entry entry : candidates) {
      if (matches(entry, decoded) && (best == null || moreSpecific(entry, best))) {
        best = entry;
      }
    }
    return best == null
        ? Optional.empty()
        : Optional.of(new Route.Match(best.route, parameters(best, decoded)));
  }

  private static boolean matches(Entry entry, String[] path) {
    for (int i = 0; i < path.length; i++) {
      if (entry.placeholder[i] ? path[i].isEmpty() : !entry.segments.get(i).equals(path[i])) {
        return false;
      }
    }
    return true;
  }

  /** At the first segment where they differ in kind, {@code a} has the literal. */
  private static boolean moreSpecific(Entry a, Entry b) {
    for (int i = 0; i < a.placeholder.length; i++) {
      if (a.placeholder[i] != b.placeholder[i]) {
        return !a.placeholder[i];
      }
    }
    return false;
  }

  private static Map<String, String> parameters(Entry entry, String[] path) {
    Map<String, String> parameters = new HashMap<>();
    for (int i = 0; i < path.length; i++) {
      if (entry.placeholder[i]) {
        String name = entry.segments.get(i);
        parameters.put(name.substring(1, name.length() - 1), path[i]);
      }
    }
    return parameters;
  }

  private static String shape(String method, int segments) {
    return method + " " + segments;
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
    final boolean[] placeholder;

    Entry(Route route, List<String> segments) {
      this.route = route;
      this.segments = segments;
      this.placeholder = new boolean[segments.size()];
      for (int i = 0; i < placeholder.length; i++) {
        String segment = segments.get(i);
        placeholder[i] = segment.startsWith("{") && segment.endsWith("}");
      }
    }
  }
}
