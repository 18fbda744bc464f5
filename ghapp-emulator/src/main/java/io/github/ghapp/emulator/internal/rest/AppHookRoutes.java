package io.github.ghapp.emulator.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.emulator.internal.Administration;
import io.github.ghapp.emulator.internal.http.Access;
import io.github.ghapp.emulator.internal.http.ApiException;
import io.github.ghapp.emulator.internal.http.ApiRequest;
import io.github.ghapp.emulator.internal.http.ApiResponse;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.http.Router;
import io.github.ghapp.emulator.internal.state.App;
import io.github.ghapp.emulator.internal.state.Webhook;

/**
 * {@code GET} and {@code PATCH /app/hook/config} (JWT only): where the app's webhooks go. GitHub
 * answers the {@code webhook-config} schema and never shows the secret, only that one is set.
 */
final class AppHookRoutes {

  private static final String DOCS = "https://docs.github.com/rest/apps/webhooks";

  private final Administration admin;

  private AppHookRoutes(Administration admin) {
    this.admin = admin;
  }

  static void register(Router router, Administration admin) {
    AppHookRoutes routes = new AppHookRoutes(admin);
    router
        .rest(
            "GET",
            "/app/hook/config",
            Access.APP,
            DOCS + "#get-a-webhook-configuration-for-an-app",
            routes::get)
        .rest(
            "PATCH",
            "/app/hook/config",
            Access.APP,
            DOCS + "#update-a-webhook-configuration-for-an-app",
            routes::update);
  }

  private ApiResponse get(ApiRequest request) {
    return ApiResponse.ok(config(request.app().app()));
  }

  /**
   * Changes only the fields given; {@code url} and {@code secret} are what the emulator delivers
   * with.
   */
  private ApiResponse update(ApiRequest request) {
    JsonNode body = request.jsonBody();
    App app = request.app().app();
    Webhook current = app.webhook();
    String url =
        body.hasNonNull("url") ? body.get("url").asText() : current == null ? null : current.url();
    String secret =
        body.has("secret")
            ? (body.get("secret").isNull() ? null : body.get("secret").asText())
            : current == null ? null : current.secret();
    String contentType = body.path("content_type").asText("json");
    if (!"json".equals(contentType)) {
      // GitHub also offers form-encoded deliveries; the emulator sends JSON only.
      throw ApiException.of(
          422, "Invalid request.\n\nThe emulator delivers content_type \"json\" only.");
    }
    if (url == null) {
      throw BodyFields.missing("url");
    }
    try {
      Webhook.checkUrl(url);
    } catch (IllegalArgumentException e) {
      throw ApiException.of(422, "Invalid request.\n\n" + e.getMessage());
    }
    return ApiResponse.ok(config(admin.setWebhook(app.id(), url, secret)));
  }

  private static ObjectNode config(App app) {
    Webhook hook = app.webhook();
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("content_type", "json");
    node.put("insecure_ssl", "0");
    if (hook == null) {
      node.putNull("url");
      node.putNull("secret");
    } else {
      node.put("url", hook.url());
      if (hook.secret() == null) {
        node.putNull("secret");
      } else {
        node.put("secret", "********");
      }
    }
    return node;
  }
}
