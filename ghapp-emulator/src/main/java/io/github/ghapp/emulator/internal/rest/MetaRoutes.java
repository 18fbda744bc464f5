package io.github.ghapp.emulator.internal.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.emulator.internal.http.Access;
import io.github.ghapp.emulator.internal.http.ApiRequest;
import io.github.ghapp.emulator.internal.http.ApiResponse;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.http.RateLimiter;
import io.github.ghapp.emulator.internal.http.Router;

/** {@code GET /rate_limit} (free of charge, as on GitHub) and {@code GET /meta}. */
final class MetaRoutes {

  private final RateLimiter rateLimits;

  private MetaRoutes(RateLimiter rateLimits) {
    this.rateLimits = rateLimits;
  }

  static void register(Router router, RateLimiter rateLimits) {
    MetaRoutes routes = new MetaRoutes(rateLimits);
    router
        .rest(
            "GET",
            "/rate_limit",
            Access.ANY,
            "https://docs.github.com/rest/rate-limit/rate-limit#get-rate-limit-status-for-the-authenticated-user",
            routes::rateLimit)
        .rest(
            "GET",
            "/meta",
            Access.ANY,
            "https://docs.github.com/rest/meta/meta#get-github-meta-information",
            routes::meta);
  }

  private ApiResponse rateLimit(ApiRequest request) {
    RateLimiter.Snapshot core =
        rateLimits.peek(request.caller(), request.remoteAddress(), RateLimiter.CORE, request.now());
    RateLimiter.Snapshot graphql =
        rateLimits.peek(request.caller(), request.remoteAddress(), "graphql", request.now());
    long inAMinute = request.now().getEpochSecond() + 60;
    ObjectNode resources = Json.object();
    resources.set("core", rate(core.limit(), core.used(), core.resetEpochSeconds()));
    resources.set("graphql", rate(graphql.limit(), graphql.used(), graphql.resetEpochSeconds()));
    // Resources the emulator does not serve: shown unused with GitHub's usual budgets.
    resources.set("search", rate(30, 0, inAMinute));
    resources.set("code_search", rate(10, 0, inAMinute));
    resources.set("integration_manifest", rate(5000, 0, inAMinute + 3540));
    resources.set("source_import", rate(100, 0, inAMinute));
    resources.set("code_scanning_upload", rate(1000, 0, inAMinute + 3540));
    resources.set("actions_runner_registration", rate(10000, 0, inAMinute + 3540));
    resources.set("scim", rate(15000, 0, inAMinute + 3540));
    resources.set("dependency_snapshots", rate(100, 0, inAMinute));
    ObjectNode body = Json.object();
    body.set("resources", resources);
    body.set("rate", rate(core.limit(), core.used(), core.resetEpochSeconds()));
    return ApiResponse.ok(body);
  }

  private static ObjectNode rate(int limit, int used, long reset) {
    ObjectNode rate = Json.object();
    rate.put("limit", limit);
    rate.put("used", used);
    rate.put("remaining", Math.max(0, limit - used));
    rate.put("reset", reset);
    return rate;
  }

  /** Only loopback addresses: every service of this "GitHub" lives on 127.0.0.1. */
  private ApiResponse meta(ApiRequest request) {
    ObjectNode body = Json.object();
    body.put("verifiable_password_authentication", false);
    ArrayNode loopback = Json.array().add("127.0.0.1/32");
    for (String service :
        new String[] {
          "hooks", "web", "api", "git", "packages", "pages", "importer", "actions", "dependabot"
        }) {
      body.set(service, loopback.deepCopy());
    }
    ObjectNode domains = Json.object();
    domains.set("website", Json.array().add("127.0.0.1"));
    body.set("domains", domains);
    return ApiResponse.ok(body);
  }
}
