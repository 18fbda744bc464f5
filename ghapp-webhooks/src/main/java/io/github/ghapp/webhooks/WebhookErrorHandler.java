package io.github.ghapp.webhooks;

/**
 * Hears about every accepted delivery that a handler failed on, so that no accepted event is lost
 * silently: GitHub was answered 202 before the handler ran and will not send it again by itself.
 * Use the event's {@link WebhookEvent#deliveryId()} to find the delivery in the App's "Recent
 * Deliveries" and redeliver it once the cause is fixed: a failed delivery's id is forgotten by the
 * deduplication, so the redelivery is handled, by all of the event's handlers again (make them
 * idempotent).
 *
 * <p>It is called once per failing handler (and once per accepted delivery still queued when the
 * receiver is closed), on whichever thread saw the failure. Without one, failures are logged at
 * ERROR.
 *
 * <pre>{@code
 * hooks.onError((event, error) -> log.error("delivery {} ({}) failed", event.deliveryId(), event.qualifiedName(), error));
 * }</pre>
 */
@FunctionalInterface
public interface WebhookErrorHandler {
  void onError(WebhookEvent event, Throwable error);
}
