package io.github.ghapp.emulator.internal;

import java.net.URI;

/**
 * The emulator's addresses, known once its port is bound. {@code web} is where HTML pages and Git
 * live ({@code http://127.0.0.1:PORT}); {@code api} is the REST root, the same or {@code /api/v3}
 * in GHES mode.
 */
public record Urls(String web, String restPrefix, String graphqlPath) {

  public static Urls of(int port, boolean ghes) {
    return of(port, ghes, false);
  }

  /** With {@code tls}, every address is {@code https://}. */
  public static Urls of(int port, boolean ghes, boolean tls) {
    return new Urls(
        (tls ? "https" : "http") + "://127.0.0.1:" + port,
        ghes ? "/api/v3" : "",
        ghes ? "/api/graphql" : "/graphql");
  }

  public String api() {
    return web + restPrefix;
  }

  /** {@code api("/app")} = {@code http://127.0.0.1:PORT/app} (or {@code .../api/v3/app}). */
  public String api(String path) {
    return api() + path;
  }

  public String web(String path) {
    return web + path;
  }

  public URI apiUri() {
    return URI.create(api());
  }

  public URI graphqlUri() {
    return URI.create(web + graphqlPath);
  }
}
