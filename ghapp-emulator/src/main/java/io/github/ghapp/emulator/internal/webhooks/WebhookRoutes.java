package io.github.ghapp.emulator.internal.webhooks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.emulator.WebhookDelivery;
import io.github.ghapp.emulator.internal.http.Access;
import io.github.ghapp.emulator.internal.http.ApiRequest;
import io.github.ghapp.emulator.internal.http.ApiResponse;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.http.Route;
import io.github.ghapp.emulator.internal.http.Router;

/**
 * The delivery log over the admin API: {@code GET /_emulator/deliveries} lists every attempt (with
 * the exact request sent), {@code POST /_emulator/deliveries/{id}/attempts} redelivers one,
 * answering 202 as GitHub's own redelivery endpoint does.
 */
public final class WebhookRoutes {

  private static final String DOCS = "ghapp-emulator README, section \"Webhooks\"";

  private final WebhookDispatcher dispatcher;

  private WebhookRoutes(WebhookDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  public static void register(Router router, WebhookDispatcher dispatcher) {
    WebhookRoutes routes = new WebhookRoutes(dispatcher);
    router.add(new Route("GET", "/_emulator/deliveries", Access.ADMIN, DOCS, routes::list));
    router.add(
        new Route(
            "POST",
            "/_emulator/deliveries/{delivery_id}/attempts",
            Access.ADMIN,
            DOCS,
            routes::redeliver));
  }

  private ApiResponse list(ApiRequest request) {
    ArrayNode entries = Json.array();
    for (WebhookDelivery delivery : dispatcher.deliveries()) {
      ObjectNode entry = entries.addObject();
      entry.put("id", delivery.id());
      entry.put("guid", delivery.guid());
      entry.put("event", delivery.event());
      entry.put("action", delivery.action());
      if (delivery.installationId() == null) {
        entry.putNull("installation_id");
      } else {
        entry.put("installation_id", delivery.installationId());
      }
      entry.put("url", delivery.url());
      if (delivery.statusCode() == null) {
        entry.putNull("status_code");
      } else {
        entry.put("status_code", delivery.statusCode());
      }
      entry.put("error", delivery.error());
      entry.put("duration_ms", delivery.duration().toMillis());
      entry.put("redelivery", delivery.redelivery());
      entry.put("delivered_at", delivery.at().toString());
      ObjectNode sent = entry.putObject("request");
      ObjectNode headers = sent.putObject("headers");
      delivery.requestHeaders().forEach(headers::put);
      sent.put("body", delivery.requestBody());
    }
    return ApiResponse.ok(entries);
  }

  private ApiResponse redeliver(ApiRequest request) {
    dispatcher.redeliver(request.longParam("delivery_id"));
    return ApiResponse.json(202, Json.object());
  }
}
