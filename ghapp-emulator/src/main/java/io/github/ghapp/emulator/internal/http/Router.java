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
 *
 * <p>A path's {@code /} may come percent-encoded inside a segment, as Octokit writes {@code {path}}
 * and {@code {ref}} ({@code contents/.github%2Fconfig.yml}, {@code git/ref/heads%2Fmain}): the
 * segment is split on raw slashes only and then decoded, so {@code %2F} stays inside its parameter.
 * And a trailing {@code {path}}, {@code {ref}} or {@code {branch}} ({@link #TAKES_THE_REST}) takes
 * the rest of the path, raw slashes included ({@code contents/docs/a.md}, {@code
 * git/ref/heads/main}), as GitHub's do; such a route is tried only when no route has the path's
 * exact length.
 */
public final class Router {

  /** Trailing placeholders that take the rest of the path, slashes included. */
  static final java.util.Set<String> TAKES_THE_REST =
      java.util.Set.of("{path}", "{ref}", "{branch}");

  private final String restPrefix;
  private final List<Entry> entries = new CopyOnWriteArrayList<>();
  private final Map<String, List<Entry>> byShape = new ConcurrentHashMap<>();
  private final Map<String, List<Entry>> takingTheRest = new ConcurrentHashMap<>();

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
    if (entry.takesTheRest) {
      takingTheRest.computeIfAbsent(route.method(), k -> new CopyOnWriteArrayList<>()).add(entry);
    }
    return this;
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
    List<Entry> greedy = takingTheRest.get(method);
    if (candidates == null && greedy == null) {
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
    if (candidates != null) {
      for (Entry entry : candidates) {
        if (matches(entry, decoded, decoded.length)
            && (best == null || moreSpecific(entry, best))) {
          best = entry;
        }
      }
    }
    if (best == null && greedy != null) {
      best = longestTakingTheRest(greedy, decoded);
    }
    return best == null
        ? Optional.empty()
        : Optional.of(new Route.Match(best.route, parameters(best, decoded)));
  }

  /** Of the routes whose last placeholder takes the rest, the one with the longest fixed part. */
  private static Entry longestTakingTheRest(List<Entry> greedy, String[] decoded) {
    Entry best = null;
    for (Entry entry : greedy) {
      int fixed = entry.placeholder.length - 1;
      if (fixed < decoded.length
          && matches(entry, decoded, fixed)
          && (best == null
              || fixed > best.placeholder.length - 1
              || fixed == best.placeholder.length - 1 && moreSpecific(entry, best))) {
        best = entry;
      }
    }
    return best;
  }

  /** The first {@code length} segments fit the route. */
  private static boolean matches(Entry entry, String[] path, int length) {
    for (int i = 0; i < length; i++) {
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
    int last = entry.placeholder.length - 1;
    for (int i = 0; i < entry.placeholder.length; i++) {
      if (entry.placeholder[i]) {
        String name = entry.segments.get(i);
        String value =
            i == last && path.length > entry.placeholder.length
                ? String.join("/", java.util.Arrays.asList(path).subList(last, path.length))
                : path[i];
        parameters.put(name.substring(1, name.length() - 1), value);
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
    final boolean takesTheRest;

    Entry(Route route, List<String> segments) {
      this.route = route;
      this.segments = segments;
      this.placeholder = new boolean[segments.size()];
      for (int i = 0; i < placeholder.length; i++) {
        String segment = segments.get(i);
        placeholder[i] = segment.startsWith("{") && segment.endsWith("}");
      }
      takesTheRest =
          !segments.isEmpty() && TAKES_THE_REST.contains(segments.get(segments.size() - 1));
    }
  }
}
