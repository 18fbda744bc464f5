package io.github.ghapp.webhooks;

import io.github.ghapp.auth.GitHubApp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Configures a {@link Webhooks}. Each setting may be given once (a second call is a mistake and
 * says so); {@link #secret} may be repeated to accept several secrets while rotating.
 */
public final class WebhooksBuilder {
  final GitHubApp app;
  final List<String> secrets = new ArrayList<>();
  int maxPayloadBytes = Webhooks.DEFAULT_MAX_PAYLOAD_BYTES;
  int threads = 8;
  int queueCapacity = 1000;
  Executor executor;
  Duration dedupWindow = Duration.ofHours(24);
  int dedupCapacity = 100_000;
  SeenDeliveries seenDeliveries;
  Duration shutdownTimeout = Duration.ofSeconds(10);
  Duration asyncTimeout = Duration.ofMinutes(10);
  Clock clock = Clock.systemUTC();
  WebhookListener listener = WebhookListener.NONE;
  private final List<String> set = new ArrayList<>();

  WebhooksBuilder(GitHubApp app) {
    this.app = app;
  }

  /**
   * Accepts deliveries signed with {@code secret}, the App's webhook secret. Call it again with the
   * new secret while rotating: deliveries signed with either are accepted until the old one is
   * removed.
   */
  public WebhooksBuilder secret(String secret) {
    WebhookSignature.of(secret); // checks it is usable, with the reason if not
    if (secrets.contains(secret)) {
      throw new IllegalArgumentException(
          "this webhook secret was already added; give each secret once");
    }
    secrets.add(secret);
    return this;
  }

  /** The largest body accepted; larger ones get 413. GitHub sends up to 25 MB. */
  public WebhooksBuilder maxPayloadBytes(int maxPayloadBytes) {
    once("maxPayloadBytes");
    if (maxPayloadBytes <= 0) {
      throw new IllegalArgumentException(
          "maxPayloadBytes must be positive, got " + maxPayloadBytes);
    }
    this.maxPayloadBytes = maxPayloadBytes;
    return this;
  }

  /**
   * Runs handlers on {@code threads} threads of this receiver's own, with up to {@code
   * queueCapacity} deliveries waiting (default 8 and 1,000). A delivery arriving when the queue is
   * full gets 503.
   */
  public WebhooksBuilder workers(int threads, int queueCapacity) {
    once("workers");
    if (executor != null) {
      throw new IllegalStateException(
          "executor(...) was already set; use either workers or executor");
    }
    if (threads <= 0 || queueCapacity <= 0) {
      throw new IllegalArgumentException(
          "workers need at least 1 thread and a queue of at least 1,"
              + " got threads="
              + threads
              + ", queueCapacity="
              + queueCapacity);
    }
    this.threads = threads;
    this.queueCapacity = queueCapacity;
    return this;
  }

  /**
   * Runs handlers on {@code executor} instead. It must be bounded and throw {@link
   * java.util.concurrent.RejectedExecutionException} when full (as a {@link ThreadPoolExecutor}
   * with a bounded queue and the default policy does): that becomes a 503. An executor that blocks
   * or runs tasks on the caller's thread makes GitHub wait for the handlers.
   */
  public WebhooksBuilder executor(Executor executor) {
    once("executor");
    if (set.contains("workers")) {
      throw new IllegalStateException(
          "workers(...) was already set; use either workers or executor");
    }
    this.executor = Objects.requireNonNull(executor, "executor");
    return this;
  }

  /**
   * Remembers accepted delivery ids for {@code window} (default 24 hours), at most {@code capacity}
   * of them (default 100,000), so that a redelivery within it is acknowledged without being handled
   * again.
   */
  public WebhooksBuilder deduplication(Duration window, int capacity) {
    once("deduplication");
    Objects.requireNonNull(window, "window");
    if (window.isNegative() || capacity < 0) {
      throw new IllegalArgumentException(
          "deduplication needs a non-negative window and capacity, got "
              + window
              + " and "
              + capacity
              + " (use Duration.ZERO to handle every redelivery)");
    }
    this.dedupWindow = window;
    this.dedupCapacity = capacity;
    return this;
  }

  /**
   * Remembers accepted delivery ids in {@code seen} instead of this process's memory, e.g. in Redis
   * shared by every replica, so that a redelivery landing on another replica is recognised too
   * ({@code RedisSeenDeliveries} in {@code ghapp-redis}). Replaces {@link #deduplication}: the
   * window is {@code seen}'s own.
   */
  public WebhooksBuilder seenDeliveries(SeenDeliveries seen) {
    once("seenDeliveries");
    this.seenDeliveries = Objects.requireNonNull(seen, "seenDeliveries");
    return this;
  }

  /** How long {@link Webhooks#close()} lets queued deliveries run (default 10 seconds). */
  public WebhooksBuilder shutdownTimeout(Duration timeout) {
    once("shutdownTimeout");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("shutdownTimeout must not be negative, got " + timeout);
    }
    this.shutdownTimeout = timeout;
    return this;
  }

  /**
   * How long a future returned by an {@linkplain Webhooks#onAsync async handler} may stay
   * incomplete before it is reported to the error handlers as a {@link
   * java.util.concurrent.TimeoutException} (default 10 minutes; {@link Duration#ZERO} never).
   * Without it, a future that never completes would lose its delivery silently. The handler's work
   * is not cancelled, and its later outcome is ignored; as with any failure, the delivery id is
   * forgotten so that a redelivery is handled.
   */
  public WebhooksBuilder asyncTimeout(Duration timeout) {
    once("asyncTimeout");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException(
          "asyncTimeout must not be negative, got "
              + timeout
              + " (use Duration.ZERO for no timeout)");
    }
    this.asyncTimeout = timeout;
    return this;
  }

  /** The clock the deduplication window is measured with; tests move it instead of waiting. */
  public WebhooksBuilder clock(Clock clock) {
    once("clock");
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Tells {@code listener} what becomes of each delivery (received, refused and why, duplicate,
   * accepted with the queue depth, handled or failed with the time taken): the socket for metrics
   * and audit logs. What it throws is logged and ignored. See {@link WebhookListener}.
   */
  public WebhooksBuilder listener(WebhookListener listener) {
    once("listener");
    this.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * @throws IllegalStateException when no secret was given
   */
  public Webhooks build() {
    if (secrets.isEmpty()) {
      throw new IllegalStateException(
          "no webhook secret: call secret(...) with the App's webhook secret"
              + " (an unsigned receiver would run handlers for anyone who finds its URL)");
    }
    if (set.contains("seenDeliveries") && set.contains("deduplication")) {
      throw new IllegalStateException(
          "give either deduplication(window, capacity) or seenDeliveries(...), not both: the"
              + " deliveries store keeps its own window");
    }
    return new Webhooks(this);
  }

  private void once(String setting) {
    if (set.contains(setting)) {
      throw new IllegalStateException(setting + " was already set; set it once");
    }
    set.add(setting);
  }
}
