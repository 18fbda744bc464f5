package io.github.ghapp.emulator.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.emulator.RecordedRequest;
import io.github.ghapp.emulator.internal.Administration;
import io.github.ghapp.emulator.internal.EmulatorTime;
import io.github.ghapp.emulator.internal.FaultState;
import io.github.ghapp.emulator.internal.http.Access;
import io.github.ghapp.emulator.internal.http.ApiRequest;
import io.github.ghapp.emulator.internal.http.ApiResponse;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.http.RequestLog;
import io.github.ghapp.emulator.internal.http.Route;
import io.github.ghapp.emulator.internal.http.Router;
import io.github.ghapp.emulator.internal.state.Account;
import io.github.ghapp.emulator.internal.state.App;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import io.github.ghapp.emulator.internal.state.Installation;
import io.github.ghapp.emulator.internal.state.NewInstallation;
import io.github.ghapp.emulator.internal.state.Repository;
import io.github.ghapp.emulator.internal.state.RepositorySelection;
import io.github.ghapp.emulator.internal.state.Webhook;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The emulator's own API under {@code /_emulator/}, for tests in other languages and for the CLI:
 * the same operations as the Java API ({@link Administration}, {@code Faults}, the clock, the
 * request log). Listed with request and response bodies in the module README. No credential: the
 * server only listens on 127.0.0.1.
 */
final class AdminRoutes {

  static final String PREFIX = "/_emulator";
  private static final String DOCS = "ghapp-emulator README, section \"Admin API\"";

  private final EmulatorState state;
  private final Administration admin;
  private final EmulatorTime time;
  private final FaultState faults;
  private final RequestLog requestLog;
  private final Representations json;

  private AdminRoutes(
      EmulatorState state,
      Administration admin,
      EmulatorTime time,
      FaultState faults,
      RequestLog requestLog,
      Representations json) {
    this.state = state;
    this.admin = admin;
    this.time = time;
    this.faults = faults;
    this.requestLog = requestLog;
    this.json = json;
  }

  static void register(
      Router router,
      EmulatorState state,
      Administration admin,
      EmulatorTime time,
      FaultState faults,
      RequestLog requestLog,
      Representations json) {
    AdminRoutes routes = new AdminRoutes(state, admin, time, faults, requestLog, json);
    add(router, "GET", "/state", routes::state);
    add(router, "POST", "/apps", routes::createApp);
    add(router, "POST", "/apps/{app_id}/keys", routes::addKey);
    add(router, "POST", "/accounts", routes::createAccount);
    add(router, "POST", "/repositories", routes::createRepository);
    add(router, "POST", "/installations", routes::createInstallation);
    add(router, "POST", "/installations/{installation_id}/suspend", r -> routes.suspend(r, true));
    add(
        router,
        "POST",
        "/installations/{installation_id}/unsuspend",
        r -> routes.suspend(r, false));
    add(router, "GET", "/clock", routes::clock);
    add(router, "POST", "/clock", routes::moveClock);
    add(router, "GET", "/requests", routes::requests);
    add(router, "DELETE", "/requests", routes::clearRequests);
    add(router, "POST", "/faults", routes::injectFaults);
    add(router, "DELETE", "/faults", routes::clearFaults);
  }

  private static void add(
      Router router,
      String method,
      String path,
      io.github.ghapp.emulator.internal.http.Handler handler) {
    router.add(new Route(method, PREFIX + path, Access.ADMIN, DOCS, handler));
  }

  private ApiResponse state(ApiRequest request) {
    ObjectNode body = Json.object();
    ArrayNode apps = body.putArray("apps");
    for (App app : state.apps()) {
      apps.addObject()
          .put("id", app.id())
          .put("client_id", app.clientId())
          .put("slug", app.slug())
          .put("keys", app.keys().size());
    }
    ArrayNode accounts = body.putArray("accounts");
    for (Account account : state.accounts()) {
      ObjectNode node =
          accounts
              .addObject()
              .put("id", account.id())
              .put("login", account.login())
              .put("type", account.type().gitHubName());
      ArrayNode repositories = node.putArray("repositories");
      state
          .repositoriesOf(account)
          .forEach(
              r ->
                  repositories
                      .addObject()
                      .put("id", r.id())
                      .put("name", r.name())
                      .put("private", r.isPrivate()));
    }
    ArrayNode installations = body.putArray("installations");
    for (App app : state.apps()) {
      state.installationsOf(app.id()).forEach(i -> installations.add(json.installation(i)));
    }
    return ApiResponse.ok(body);
  }

  private ApiResponse createApp(ApiRequest request) {
    JsonNode body = request.jsonBody();
    Webhook webhook =
        body.hasNonNull("webhook")
            ? new Webhook(required(body.get("webhook"), "url"), text(body.get("webhook"), "secret"))
            : null;
    App app =
        admin.createApp(
            body.path("id").asLong(0),
            text(body, "client_id"),
            required(body, "slug"),
            text(body, "name"),
            stringMap(body.get("permissions")),
            strings(body.get("events")),
            webhook);
    ObjectNode answer =
        Json.object()
            .put("id", app.id())
            .put("client_id", app.clientId())
            .put("slug", app.slug())
            .put("private_key_pem", app.keys().get(0).privateKeyPem());
    return ApiResponse.json(201, answer);
  }

  private ApiResponse addKey(ApiRequest request) {
    String pem = admin.addKey(request.longParam("app_id"));
    return ApiResponse.json(201, Json.object().put("private_key_pem", pem));
  }

  private ApiResponse createAccount(ApiRequest request) {
    JsonNode body = request.jsonBody();
    Account account = admin.createAccount(required(body, "login"), required(body, "type"));
    return ApiResponse.json(201, json.account(account));
  }

  private ApiResponse createRepository(ApiRequest request) {
    JsonNode body = request.jsonBody();
    Repository repository =
        admin.createRepository(
            required(body, "owner"), required(body, "name"), body.path("private").asBoolean(true));
    return ApiResponse.json(201, json.fullRepository(repository));
  }

  private ApiResponse createInstallation(ApiRequest request) {
    JsonNode body = request.jsonBody();
    if (!body.path("app").canConvertToLong()) {
      throw new IllegalArgumentException("an installation needs \"app\": the app id");
    }
    Installation installation =
        admin.createInstallation(
            new NewInstallation(
                body.hasNonNull("id") ? body.get("id").asLong() : null,
                body.get("app").asLong(),
                required(body, "account"),
                body.hasNonNull("repository_selection")
                    ? RepositorySelection.parse(body.get("repository_selection").asText())
                    : null,
                body.has("repositories") ? strings(body.get("repositories")) : null,
                body.has("permissions") ? stringMap(body.get("permissions")) : null,
                body.has("events") ? strings(body.get("events")) : null,
                body.path("suspended").asBoolean(false)));
    return ApiResponse.json(201, json.installation(installation));
  }

  private ApiResponse suspend(ApiRequest request, boolean suspended) {
    long id = request.longParam("installation_id");
    Installation installation = suspended ? admin.suspend(id) : admin.unsuspend(id);
    return ApiResponse.ok(json.installation(installation));
  }

  private ApiResponse clock(ApiRequest request) {
    return ApiResponse.ok(clockBody());
  }

  /** {@code {"advance_seconds": 3660}} or {@code {"set": "2030-01-01T00:00:00Z"}}. */
  private ApiResponse moveClock(ApiRequest request) {
    JsonNode body = request.jsonBody();
    if (body.hasNonNull("set")) {
      time.clock().set(Instant.parse(body.get("set").asText()));
    } else if (body.path("advance_seconds").isNumber()) {
      time.clock()
          .advance(Duration.ofMillis(Math.round(body.get("advance_seconds").asDouble() * 1000)));
    } else {
      throw new IllegalArgumentException(
          "give {\"advance_seconds\": N} or {\"set\": \"2030-01-01T00:00:00Z\"}");
    }
    return ApiResponse.ok(clockBody());
  }

  private ObjectNode clockBody() {
    return Json.object()
        .put("now", time.clock().instant().toString())
        .put("emulator_now", time.now().toString())
        .put("clock_offset_seconds", faults.clockOffset().toMillis() / 1000.0);
  }

  private ApiResponse requests(ApiRequest request) {
    ArrayNode entries = Json.array();
    for (RecordedRequest recorded : requestLog.snapshot()) {
      ObjectNode entry = entries.addObject();
      entry.put("method", recorded.method());
      entry.put("path", recorded.path());
      entry.put("credential", recorded.credential().name());
      if (recorded.installationId() == null) {
        entry.putNull("installation_id");
      } else {
        entry.put("installation_id", recorded.installationId());
      }
      entry.put("status", recorded.status());
      entry.put("at", recorded.at().toString());
      entry.put("request_id", recorded.requestId());
      entry.put("mint", recorded.isMint());
    }
    return ApiResponse.ok(entries);
  }

  private ApiResponse clearRequests(ApiRequest request) {
    requestLog.clear();
    return ApiResponse.noContent();
  }

  /**
   * Any of: {@code delay: {count, millis}}, {@code fail: {count, status}}, {@code
   * replication_lag_seconds}, {@code clock_offset_seconds}, {@code exhaust_rate_limit:
   * {installation, status}}.
   */
  private ApiResponse injectFaults(ApiRequest request) {
    JsonNode body = request.jsonBody();
    List<String> known =
        List.of(
            "delay",
            "fail",
            "replication_lag_seconds",
            "clock_offset_seconds",
            "exhaust_rate_limit");
    body.fieldNames()
        .forEachRemaining(
            name -> {
              if (!known.contains(name)) {
                throw new IllegalArgumentException(
                    "unknown fault '" + name + "'; known faults: " + known);
              }
            });
    if (body.has("delay")) {
      faults.delayNext(
          body.get("delay").path("count").asInt(1),
          Duration.ofMillis(body.get("delay").path("millis").asLong()));
    }
    if (body.has("fail")) {
      faults.failNext(
          body.get("fail").path("count").asInt(1), body.get("fail").path("status").asInt(502));
    }
    if (body.has("replication_lag_seconds")) {
      faults.replicationLag(seconds(body.get("replication_lag_seconds")));
    }
    if (body.has("clock_offset_seconds")) {
      faults.clockOffset(seconds(body.get("clock_offset_seconds")));
    }
    if (body.has("exhaust_rate_limit")) {
      JsonNode exhaust = body.get("exhaust_rate_limit");
      if (!exhaust.path("installation").canConvertToLong()) {
        throw new IllegalArgumentException(
            "exhaust_rate_limit needs \"installation\": the installation id");
      }
      faults.exhaustRateLimit(
          exhaust.get("installation").asLong(), exhaust.path("status").asInt(403));
    }
    return ApiResponse.noContent();
  }

  private ApiResponse clearFaults(ApiRequest request) {
    faults.clear();
    return ApiResponse.noContent();
  }

  private static Duration seconds(JsonNode value) {
    return Duration.ofMillis(Math.round(value.asDouble() * 1000));
  }

  private static String required(JsonNode body, String field) {
    String value = text(body, field);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("the request body needs \"" + field + "\"");
    }
    return value;
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(v -> values.add(v.asText()));
    }
    return values;
  }

  private static Map<String, String> stringMap(JsonNode object) {
    Map<String, String> map = new LinkedHashMap<>();
    if (object != null && object.isObject()) {
      object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    }
    return map;
  }
}
