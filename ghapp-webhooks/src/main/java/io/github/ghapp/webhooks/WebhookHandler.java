package io.github.ghapp.webhooks;

/**
 * Handles one event, synchronously, on one of the receiver's worker threads. GitHub has already
 * been answered by the time it runs, so it may take as long as it needs; whatever it throws reaches
 * the receiver's {@link WebhookErrorHandler}s with the delivery id, and the event's other handlers
 * run anyway.
 *
 * <pre>{@code
 * hooks.on("issues.opened", event -> log.info("issue opened in {}", event.repository().orElseThrow().fullName()));
 * }</pre>
 */
@FunctionalInterface
public interface WebhookHandler {
  void handle(WebhookEvent event) throws Exception;
}
