package io.github.ghapp.webhooks;

import java.util.concurrent.CompletionStage;

/**
 * Handles one event by starting work that completes later, for code already written around futures.
 * The receiver's worker is free as soon as this returns; when the returned stage completes
 * exceptionally, the failure reaches the {@link WebhookErrorHandler}s with the delivery id.
 * Returning null is a bug and is reported the same way.
 *
 * <pre>{@code
 * hooks.onAsync("push", event -> httpClient
 *     .sendAsync(buildRequest(event), HttpResponse.BodyHandlers.discarding())
 *     .thenAccept(response -> log.info("CI answered {}", response.statusCode())));
 * }</pre>
 */
@FunctionalInterface
public interface AsyncWebhookHandler {
  CompletionStage<?> handle(WebhookEvent event) throws Exception;
}
