package io.github.ghapp.emulator.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * GitHub's page-based pagination: {@code per_page} (default 30, at most 100) and {@code page} (from
 * 1), with a {@code Link} header giving {@code prev}, {@code next}, {@code last} and {@code first}
 * as GitHub orders them. Values that are not positive integers fall back to the defaults, as GitHub
 * does.
 */
public final class Pagination {

  static final int DEFAULT_PER_PAGE = 30;
  static final int MAX_PER_PAGE = 100;

  private final int perPage;
  private final int page;

  private Pagination(int perPage, int page) {
    this.perPage = perPage;
    this.page = page;
  }

  public static Pagination of(ApiRequest request) {
    int perPage =
        Math.min(MAX_PER_PAGE, positive(request.query("per_page").orElse(null), DEFAULT_PER_PAGE));
    int page = positive(request.query("page").orElse(null), 1);
    return new Pagination(perPage, page);
  }

  public <T> List<T> slice(List<T> all) {
    long from = (long) (page - 1) * perPage;
    if (from >= all.size()) {
      return List.of();
    }
    return new ArrayList<>(all.subList((int) from, (int) Math.min(all.size(), from + perPage)));
  }

  /**
   * GitHub's counted listing of {@code all}: {@code {"total_count": N, "<field>": [this page]}},
   * with its {@code Link} header.
   */
  public static <T> ApiResponse counted(
      ApiRequest request, List<T> all, String field, Function<T, JsonNode> item) {
    Pagination pagination = of(request);
    ObjectNode body = Json.object();
    body.put("total_count", all.size());
    ArrayNode page = body.putArray(field);
    pagination.slice(all).forEach(i -> page.add(item.apply(i)));
    return pagination.link(ApiResponse.ok(body), request, all.size());
  }

  /** Adds the {@code Link} header when there is more than one page. */
  public ApiResponse link(ApiResponse response, ApiRequest request, int total) {
    int last = Math.max(1, (total + perPage - 1) / perPage);
    if (last <= 1) {
      return response;
    }
    StringJoiner links = new StringJoiner(", ");
    if (page > 1) {
      links.add(link(request, Math.min(page - 1, last), "prev"));
    }
    if (page < last) {
      links.add(link(request, page + 1, "next"));
      links.add(link(request, last, "last"));
    }
    if (page > 1) {
      links.add(link(request, 1, "first"));
    }
    return response.header("Link", links.toString());
  }

  private String link(ApiRequest request, int target, String rel) {
    StringJoiner query = new StringJoiner("&");
    boolean hasPerPage = false;
    for (Map.Entry<String, List<String>> e : request.queryParameters().entrySet()) {
      if (e.getKey().equals("page")) {
        continue;
      }
      hasPerPage |= e.getKey().equals("per_page");
      for (String value : e.getValue()) {
        query.add(encode(e.getKey()) + "=" + encode(value));
      }
    }
    if (!hasPerPage && perPage != DEFAULT_PER_PAGE) {
      query.add("per_page=" + perPage);
    }
    query.add("page=" + target);
    return "<" + request.selfUrl() + "?" + query + ">; rel=\"" + rel + "\"";
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static int positive(String value, int fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      return parsed > 0 ? parsed : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
