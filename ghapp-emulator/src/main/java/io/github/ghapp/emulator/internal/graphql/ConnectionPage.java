package io.github.ghapp.emulator.internal.graphql;

import graphql.schema.DataFetchingEnvironment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Relay cursor pagination as GitHub's connections do it: {@code first} or {@code last} is required
 * (at most 100), {@code after}/{@code before} are opaque cursors. A cursor names an item (here: its
 * issue number), so pages stay put when new items arrive. Breaking a rule is a {@link
 * PageException} with GitHub's wording.
 */
final class ConnectionPage {

  static final int MAX_PAGE = 100;
  private static final String CURSOR_PREFIX = "cursor:v2:";

  /** A rule of pagination broken; the message is GitHub's. */
  static final class PageException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final GitHubErrorType type;

    PageException(GitHubErrorType type, String message) {
      super(message, null, false, false);
      this.type = type;
    }

    GitHubErrorType type() {
      return type;
    }
  }

  private ConnectionPage() {}

  /**
   * The page a connection field answers: {@link #of} with the field's own {@code first}, {@code
   * after}, {@code last} and {@code before}, or, when they break a rule, GitHub's error for the
   * field.
   */
  static <T> Object answer(
      DataFetchingEnvironment env,
      List<T> all,
      Function<T, String> key,
      String connection,
      Function<T, Object> node) {
    try {
      return of(
          all,
          key,
          env.getArgument("first"),
          env.getArgument("after"),
          env.getArgument("last"),
          env.getArgument("before"),
          connection,
          node);
    } catch (PageException e) {
      return GraphqlData.error(env, e.type(), e.getMessage());
    }
  }

  /**
   * The page of {@code all} (already filtered and ordered) as a connection object: {@code edges},
   * {@code nodes}, {@code pageInfo}, {@code totalCount}.
   *
   * @param key what a cursor stands for: an issue's number, a ref's name
   * @param connection the field's name for messages, e.g. {@code issues}
   */
  static <T> Map<String, Object> of(
      List<T> all,
      Function<T, String> key,
      Integer first,
      String after,
      Integer last,
      String before,
      String connection,
      Function<T, Object> node) {
    if (first == null && last == null) {
      throw new PageException(
          GitHubErrorType.MISSING_PAGINATION_BOUNDARIES,
          "You must provide a `first` or "
              + "`last` value to properly paginate the `"
              + connection
              + "` connection.");
    }
    checkBound("first", first, connection);
    checkBound("last", last, connection);
    int start = 0;
    int end = all.size();
    if (after != null) {
      start = indexOf(all, key, after, "after") + 1;
    }
    if (before != null) {
      end = Math.min(end, indexOf(all, key, before, "before"));
    }
    end = Math.max(start, end);
    if (first != null) {
      end = Math.min(end, start + first);
    }
    if (last != null) {
      start = Math.max(start, end - last);
    }
    List<Object> nodes = new ArrayList<>();
    List<Object> edges = new ArrayList<>();
    for (T item : all.subList(start, end)) {
      Object value = node.apply(item);
      nodes.add(value);
      Map<String, Object> edge = new LinkedHashMap<>();
      edge.put("cursor", cursor(key.apply(item)));
      edge.put("node", value);
      edges.add(edge);
    }
    Map<String, Object> pageInfo = new LinkedHashMap<>();
    pageInfo.put("startCursor", start < end ? cursor(key.apply(all.get(start))) : null);
    pageInfo.put("endCursor", start < end ? cursor(key.apply(all.get(end - 1))) : null);
    pageInfo.put("hasNextPage", end < all.size());
    pageInfo.put("hasPreviousPage", start > 0);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("edges", edges);
    result.put("nodes", nodes);
    result.put("pageInfo", pageInfo);
    result.put("totalCount", all.size());
    return result;
  }

  static String cursor(String key) {
    return Base64.getEncoder()
        .encodeToString((CURSOR_PREFIX + key).getBytes(StandardCharsets.UTF_8));
  }

  private static void checkBound(String name, Integer value, String connection) {
    if (value == null) {
      return;
    }
    if (value < 0) {
      throw new PageException(
          GitHubErrorType.EXCESSIVE_PAGINATION,
          "`" + name + "` on the `" + connection + "` connection cannot be less than zero.");
    }
    if (value > MAX_PAGE) {
      throw new PageException(
          GitHubErrorType.EXCESSIVE_PAGINATION,
          "Requesting "
              + value
              + " records on the `"
              + connection
              + "` connection exceeds the `"
              + name
              + "` limit of "
              + MAX_PAGE
              + " records.");
    }
  }

  private static <T> int indexOf(
      List<T> all, Function<T, String> key, String cursor, String argument) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalidCursor(argument);
    }
    if (!decoded.startsWith(CURSOR_PREFIX)) {
      throw invalidCursor(argument);
    }
    String wanted = decoded.substring(CURSOR_PREFIX.length());
    for (int i = 0; i < all.size(); i++) {
      if (key.apply(all.get(i)).equals(wanted)) {
        return i;
      }
    }
    throw invalidCursor(argument);
  }

  private static PageException invalidCursor(String argument) {
    return new PageException(
        GitHubErrorType.INVALID_CURSOR_ARGUMENTS,
        "`" + argument + "` does not appear to be a valid cursor.");
  }
}
