package io.github.ghapp.webhooks;

import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * Sees what a {@link Webhooks} receiver does with each delivery: the socket for metrics and audit
 * logs ({@code ghapp-micrometer} plugs in here). Every method has an empty default, so an
 * implementation overrides only what it records, and {@link #NONE} costs nothing.
 *
 * <p>Each delivery passed to {@link Webhooks#handle} (so each POST that {@link WebhookServer} or
 * {@code servlet.WebhookServlet} receives on its path; their 404 and 405 answers are not
 * deliveries) is {@link #received}, then either {@link #refused}, a {@link #duplicate}, or {@link
 * #accepted} and later {@link #handled} or {@link #failed} (once per failure).
 *
 * <p>{@link #received}, {@link #refused}, {@link #duplicate} and {@link #accepted} run on the
 * thread answering GitHub, {@link #handled} and {@link #failed} on the handler's thread: keep them
 * quick and never block. The two threads are not ordered: with an executor that runs a task at
 * once, {@code handled} can come before {@code accepted}. An exception a listener throws is logged
 * and ignored. No argument holds the webhook secret or a signature. Values from a refused delivery
 * are not passed: anyone can send one, so they make no safe metric tags.
 *
 * <p>To have several listeners hear a receiver (metrics and an audit log, say), combine them with
 * {@link #all}.
 *
 * <pre>{@code
 * Webhooks hooks = Webhooks.builder(app).secret(secret)
 *     .listener(new WebhookListener() {
 *       @Override public void failed(WebhookEvent event, Throwable error, Duration took) {
 *         log.error("{} {} failed", event.name(), event.deliveryId(), error);
 *       }
 *     })
 *     .build();
 * }</pre>
 */
public interface WebhookListener {

  /** Records nothing; the default. */
  WebhookListener NONE = new WebhookListener() {};

  /** Why a delivery was refused; each maps to one status of {@link WebhookResult}. */
  enum Refusal {
    /** 400: {@code X-GitHub-Event} or {@code X-GitHub-Delivery} missing or malformed. */
    MISSING_HEADER,
    /**
     * 400: the body is not the JSON payload it claims to be, is shorter than announced or could not
     * be read, or its {@code Content-Length} is not a byte count.
     */
    MALFORMED_BODY,
    /** 401: {@code X-Hub-Signature-256} missing or not made with a configured secret. */
    BAD_SIGNATURE,
    /** 413: the body is over the size limit. */
    TOO_LARGE,
    /** 415: neither {@code application/json} nor {@code application/x-www-form-urlencoded}. */
    UNSUPPORTED_CONTENT_TYPE,
    /** 503: the handler queue is full; GitHub should redeliver later. */
    QUEUE_FULL,
    /** 503: the receiver is closed. */
    CLOSED
  }

  /**
   * Listeners that each hear every event, in the order given: for a receiver's one {@link
   * WebhooksBuilder#listener listener} slot. What one of them throws is logged and ignored, and the
   * next still hears the event.
   *
   * <pre>{@code
   * Webhooks.builder(app).secret(secret).listener(WebhookListener.all(metrics, auditLog))
   * }</pre>
   */
  static WebhookListener all(WebhookListener... listeners) {
    return AllListeners.of(listeners);
  }

  /**
   * A receiver built with this listener says, once as it is built, how to read its queue: {@code
   * depth} answers, whenever asked and from any thread, how many accepted deliveries are waiting
   * for a handler thread now, without taking a lock. It is a gauge's source: {@link #accepted}
   * counts the queue only as a delivery joins it, so alone it cannot show the queue draining.
   */
  default void queueDepthSource(IntSupplier depth) {}

  /** A delivery arrived, before any check. */
  default void received() {}

  /**
   * A delivery was refused and none of its handlers ran.
   *
   * @param result the answer GitHub gets
   */
  default void refused(Refusal reason, WebhookResult result) {}

  /** A verified delivery whose id was already accepted; answered 200 and not handled again. */
  default void duplicate(WebhookEvent event) {}

  /**
   * A verified delivery was queued for its handlers and GitHub answered 202.
   *
   * @param queueDepth deliveries waiting for a handler thread, this one included, as counted when
   *     it was queued (1 when a thread was free)
   */
  default void accepted(WebhookEvent event, int queueDepth) {}

  /**
   * Every handler of a delivery returned (async handlers: their futures completed) without error.
   *
   * @param took from the start of the delivery's task on a worker to the end of its last handler
   *     (or the completion of the last future)
   */
  default void handled(WebhookEvent event, Duration took) {}

  /**
   * A handler of a delivery threw, its future failed, or it did not complete within the async
   * timeout ({@link java.util.concurrent.TimeoutException}). Called once per failing handler, after
   * the {@linkplain Webhooks#onError error handlers}, and for everything else they hear of: the
   * installation directory failing on the event, or a delivery still unstarted when {@link
   * Webhooks#close()} gave up on it ({@code took} zero).
   *
   * @param took from the start of the delivery's task to the failure
   */
  default void failed(WebhookEvent event, Throwable error, Duration took) {}
}
