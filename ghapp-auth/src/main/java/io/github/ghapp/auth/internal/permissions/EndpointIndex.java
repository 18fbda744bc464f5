package io.github.ghapp.auth.internal.permissions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the path template a request matches, as GitHub routes it: per HTTP method, a tree of path
 * segments in which a literal segment is tried before a placeholder ({@code /repos/{owner}/{repo}/
 * issues/events} before {@code .../issues/{issue_number}}), backtracking when a branch leads
 * nowhere. A template's last placeholder may take several segments when it names a file, a ref or a
 * branch ({@code contents/{path}} matches {@code contents/src/main/App.java}), as GitHub's routes
 * do.
 *
 * <p>A look-up walks one branch per segment and allocates only the split path: no regular
 * expressions, no map per candidate.
 */
public final class EndpointIndex {
  /** Placeholders that GitHub lets span slashes when they end a path. */
  private static final Set<String> SPANNING =
      Set.of("{path}", "{ref}", "{basehead}", "{dir}", "{branch}");

  private final Map<String, Node> roots = new HashMap<>();
  private final Map<String, List<String>> templates = new HashMap<>();

  private static final class Node {
    final Map<String, Node> literals = new HashMap<>();
    Node placeholder;
    String endpoint; // "VERB template" when a template ends here
    boolean spans;
  }

  /**
   * @param endpoints {@code {VERB, template}} pairs; the verb upper case
   */
  public EndpointIndex(Collection<String[]> endpoints) {
    for (String[] endpoint : endpoints) {
      add(endpoint[0], endpoint[1]);
    }
  }

  private void add(String verb, String template) {
    Node node = roots.computeIfAbsent(verb, v -> new Node());
    String[] segments = split(template);
    for (String segment : segments) {
      if (isPlaceholder(segment)) {
        node = node.placeholder == null ? (node.placeholder = new Node()) : node.placeholder;
      } else {
        node = node.literals.computeIfAbsent(segment, s -> new Node());
      }
    }
    node.endpoint = verb + " " + template; // ready to look up: no concatenation per call
    node.spans = segments.length > 0 && SPANNING.contains(segments[segments.length - 1]);
    templates.computeIfAbsent(verb, v -> new ArrayList<>()).add(template);
  }

  /**
   * {@code VERB template} of the template {@code path} matches for {@code verb}, or null. {@code
   * path} is a concrete path ({@code /repos/octo-org/hello-world/issues/7}) or a template; a {@code
   * {placeholder}} segment in it matches only a placeholder.
   */
  public String match(String verb, String path) {
    Node root = roots.get(verb);
    return root == null ? null : match(root, split(path), 0);
  }

  private static String match(Node node, String[] segments, int at) {
    if (at == segments.length) {
      return node.endpoint;
    }
    String segment = segments[at];
    if (!isPlaceholder(segment)) {
      Node literal = node.literals.get(segment);
      if (literal != null) {
        String found = match(literal, segments, at + 1);
        if (found != null) {
          return found;
        }
      }
    }
    Node placeholder = node.placeholder;
    if (placeholder == null || segment.isEmpty()) {
      return null;
    }
    String found = match(placeholder, segments, at + 1);
    if (found == null && placeholder.spans && placeholder.endpoint != null) {
      return placeholder.endpoint;
    }
    return found;
  }

  /**
   * Up to {@code limit} templates closest to {@code path} (by edit distance), those of {@code verb}
   * first: what to suggest for an endpoint that matched nothing.
   */
  public List<String> nearest(String verb, String path, int limit) {
    List<String[]> all = new ArrayList<>();
    templates.forEach((v, list) -> list.forEach(t -> all.add(new String[] {v, t})));
    all.sort(
        Comparator.<String[]>comparingInt(
                e -> Distance.between(e[1], path) + (e[0].equals(verb) ? 0 : 3))
            .thenComparing(e -> e[0] + " " + e[1]));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < Math.min(limit, all.size()); i++) {
      out.add(all.get(i)[0] + " " + all.get(i)[1]);
    }
    return out;
  }

  static String[] split(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
  }

  private static boolean isPlaceholder(String segment) {
    return segment.length() > 2 && segment.charAt(0) == '{' && segment.endsWith("}");
  }
}
