package io.github.ghapp.emulator.internal.http;

import io.github.ghapp.emulator.internal.Urls;
import io.github.ghapp.emulator.internal.auth.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Set;

/**
 * GitHub's REST API, the surface of every request that is not Git's or GraphQL's: the {@code
 * X-GitHub-Api-Version} check before credentials; then the route (404 for none) and the credential
 * kind it accepts ({@link Access}); the {@code core} budget, which {@code GET /rate_limit} does not
 * spend; the route's handler; errors pointing at the route's documentation, as GitHub's do.
 */
final class RestSurface implements Surface {

  static final String DEFAULT_VERSION = "2022-11-28";
  static final Set<String> SUPPORTED_VERSIONS = Set.of("2022-11-28", "2026-03-10");
  static final String MEDIA_TYPE = "github.v3; format=json";
  static final String REQUIRES_AUTHENTICATION = "Requires authentication";

  private final Urls urls;

  /** {@code GET /rate_limit} does not count against the limit, as on GitHub. */
  private final String rateLimitPattern;

  RestSurface(Urls urls) {
    this.urls = urls;
    this.rateLimitPattern = urls.restPrefix() + "/rate_limit";
  }

  @Override
  public boolean claims(HttpServletRequest request) {
    return true;
  }

  @Override
  public String documentationUrl() {
    return ApiException.REST_DOCS;
  }

  @Override
  public void screen(Exchange exchange) {
    String version = exchange.request().getHeader("X-GitHub-Api-Version");
    if (version != null && !SUPPORTED_VERSIONS.contains(version.trim())) {
      throw ApiException.of(
              400,
              "The version you specified in the \"X-GitHub-API-Version\" request header, \""
                  + version
                  + "\", is not a supported version. The following versions are currently supported: "
                  + "\"2026-03-10\" (most recent), \"2022-11-28\".")
          .documentedAt(ApiException.REST_DOCS);
    }
  }

  /** The route exists and accepts this kind of caller, or GitHub's 404 or 401. */
  @Override
  public void admit(Exchange exchange) {
    if (exchange.route() == null) {
      throw ApiException.notFound().documentedAt(ApiException.REST_DOCS);
    }
    Access access = exchange.route().route().access();
    Caller caller = exchange.caller();
    switch (access) {
      case APP:
        if (caller instanceof Caller.InstallationCaller) {
          throw ApiException.of(401, "A JSON web token could not be decoded")
              .documentedAt(ApiException.REST_DOCS);
        }
        if (caller instanceof Caller.Anonymous) {
          // Unconfirmed: GitHub's generic answer for a route that needs a credential.
          throw ApiException.of(401, REQUIRES_AUTHENTICATION);
        }
        return;
      case INSTALLATION:
      case INSTALLATION_OR_ANONYMOUS:
        if (caller instanceof Caller.AppCaller) {
          // Unconfirmed: a valid JWT is not a credential for installation routes; GitHub is
          // assumed to answer as for any credential it cannot use there.
          throw ApiException.badCredentials();
        }
        if (access == Access.INSTALLATION && caller instanceof Caller.Anonymous) {
          throw ApiException.of(401, REQUIRES_AUTHENTICATION);
        }
        return;
      default:
        return;
    }
  }

  @Override
  public String budget(Exchange exchange) {
    return exchange.route().route().pattern().equals(rateLimitPattern) ? null : RateLimiter.CORE;
  }

  @Override
  public ApiResponse overBudget(Exchange exchange) {
    RateLimiter.Snapshot rate = exchange.rate();
    String message =
        rate.bucketDescription().startsWith("installation")
                || rate.bucketDescription().startsWith("app")
            ? "API rate limit exceeded for " + rate.bucketDescription() + "."
            : "API rate limit exceeded for "
                + rate.bucketDescription()
                + ". (But here's the good news: "
                + "Authenticated requests get a higher rate limit. Check out the documentation for more details.)";
    // No retry-after: GitHub sends it only for secondary limits; clients wait for
    // x-ratelimit-reset.
    throw ApiException.of(rate.refusalStatus(), message)
        .documentedAt("https://docs.github.com/rest/overview/rate-limits-for-the-rest-api");
  }

  @Override
  public ApiResponse answer(Exchange exchange) throws IOException {
    byte[] body = RequestBodies.read(exchange.request());
    Route.Match route = exchange.route();
    return route
        .route()
        .handler()
        .handle(new ApiRequest(exchange, exchange.caller(), body, selfUrl(exchange)));
  }

  /** GitHub points an error at the documentation of the route it came from. */
  @Override
  public ApiResponse refusal(Exchange exchange, ApiException refused) {
    return refused.toResponse(
        exchange.route() != null
            ? exchange.route().route().documentationUrl()
            : ApiException.REST_DOCS);
  }

  @Override
  public void write(Exchange exchange, ApiResponse answer) throws IOException {
    JsonAnswer.write(
        exchange,
        answer,
        JsonAnswer.CONTENT_TYPE,
        MEDIA_TYPE,
        versionSelected(exchange.request().getHeader("X-GitHub-Api-Version")));
  }

  /** The request's absolute URL without its query, for {@code Link} headers. */
  String selfUrl(Exchange exchange) {
    return urls.web(exchange.request().getRequestURI());
  }

  static String versionSelected(String requested) {
    return requested != null && SUPPORTED_VERSIONS.contains(requested.trim())
        ? requested.trim()
        : DEFAULT_VERSION;
  }
}
