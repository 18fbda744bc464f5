package io.github.ghapp.emulator.internal.http;

import java.util.Map;
import java.util.Objects;

/**
 * One entry of the route table: {@code GET /app/installations/{installation_id}} with the
 * credentials it accepts, the documentation URL GitHub puts into its errors, and the handler.
 *
 * @param pattern absolute path with {@code {name}} placeholders, each matching one path segment
 */
public record Route(
    String method, String pattern, Access access, String documentationUrl, Handler handler) {

  public Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(handler, "handler");
    if (!pattern.startsWith("/")) {
      throw new IllegalArgumentException("route pattern must start with '/': " + pattern);
    }
  }

  /** A matched route and the values of its placeholders. */
  record Match(Route route, Map<String, String> parameters) {}
}
