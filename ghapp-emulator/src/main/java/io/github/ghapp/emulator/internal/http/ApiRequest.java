package io.github.ghapp.emulator.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ghapp.emulator.internal.auth.Caller;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request as a route sees it: already authenticated ({@link #caller()}), with its path
 * parameters, query, body and the emulator's time at arrival.
 */
public final class ApiRequest {

  private final Exchange exchange;
  private final Map<String, String> parameters;
  private final Map<String, List<String>> query;
  private final byte[] body;
  private final Caller caller;
  private final String selfUrl;

  /**
   * @param caller the caller the route acts for (the admin API's are {@link Caller.Anonymous})
   * @param selfUrl the absolute URL of the request without its query
   */
  ApiRequest(Exchange exchange, Caller caller, byte[] body, String selfUrl) {
    this.exchange = exchange;
    this.parameters = exchange.route().parameters();
    this.query = parseQuery(exchange.request().getQueryString());
    this.body = body;
    this.caller = caller;
    this.selfUrl = selfUrl;
  }

  /** A path parameter, e.g. {@code owner} in {@code /repos/{owner}/{repo}}. */
  /** Whether the route has a {@code {name}} placeholder. */
  public boolean hasParam(String name) {
    return parameters.containsKey(name);
  }

  public String param(String name) {
    String value = parameters.get(name);
    if (value == null) {
      throw new IllegalStateException("route has no parameter {" + name + "}");
    }
    return value;
  }

  /** A numeric path parameter; anything else is GitHub's 404 (the route simply does not match). */
  public long longParam(String name) {
    try {
      return Long.parseLong(param(name));
    } catch (NumberFormatException e) {
      throw ApiException.notFound();
    }
  }

  public Optional<String> query(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  public Map<String, List<String>> queryParameters() {
    return query;
  }

  /** Every path parameter, decoded. */
  public Map<String, String> parameters() {
    return parameters;
  }

  public String method() {
    return exchange.request().getMethod();
  }

  /** The path as requested, still percent-encoded. */
  public String path() {
    return exchange.request().getRequestURI();
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(exchange.request().getHeader(name));
  }

  /** The body as sent, decoded as UTF-8. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body as JSON; an empty body is an empty object. Malformed JSON is GitHub's 400. */
  public JsonNode jsonBody() {
    if (body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
      return Json.object();
    }
    try {
      return Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw ApiException.of(400, "Problems parsing JSON");
    }
  }

  public Caller caller() {
    return caller;
  }

  /**
   * The caller as an app; only on {@link Access#APP} routes, where {@link RestSurface} has made
   * sure of it.
   */
  public Caller.AppCaller app() {
    return (Caller.AppCaller) caller;
  }

  /** The caller as an installation; only on {@link Access#INSTALLATION} routes. */
  public Caller.InstallationCaller installation() {
    return (Caller.InstallationCaller) caller;
  }

  public Instant now() {
    return exchange.now();
  }

  public String remoteAddress() {
    return exchange.request().getRemoteAddr();
  }

  /** The absolute URL of this request without its query, for {@code Link} headers. */
  String selfUrl() {
    return selfUrl;
  }

  /** Records the installation this request acted on (minting with a JWT), for the request log. */
  public void noteInstallation(long id) {
    exchange.noteInstallation(id);
  }

  private static Map<String, List<String>> parseQuery(String raw) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return query;
  }
}
