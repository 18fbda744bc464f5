package io.github.ghapp.webhooks;

import io.github.ghapp.webhooks.WebhookListener.Refusal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs accepted deliveries off the request thread, so GitHub is answered at once however long
 * handlers take, and makes sure none is lost silently.
 *
 * <p>Each delivery is one task: admission is all or nothing, so either every handler of a delivery
 * runs or GitHub is told 503 and none does. Within the task, handlers run one after another; one
 * that throws is reported and the next still runs. Futures returned by async handlers are not
 * waited for, only watched: for failure, and, so that one never completing does not lose its
 * delivery silently, for staying incomplete past the async timeout. The timer is cancelled (and
 * removed, so that it stops holding the event's payload) as soon as the future completes.
 *
 * <p>The {@link WebhookListener} hears {@code failed} for everything the error handlers hear of,
 * after them, and {@code handled} once per delivery when its task and every future it was given
 * have settled and none failed: each task counts what is still pending, the last to settle tells.
 */
final class Dispatcher {
  private static final Logger log = LoggerFactory.getLogger(Webhooks.class);

  private final Executor executor;
  private final boolean ownsExecutor;
  private final Duration shutdownTimeout;
  private final Duration asyncTimeout;
  private final ScheduledThreadPoolExecutor timers;
  private final Router router;
  private final Consumer<WebhookEvent> observer;
  private final SeenDeliveries recent;
  private final WebhookListener listener;

  /** Deliveries accepted whose task has not started yet: the listener's queue depth. */
  private final AtomicInteger waiting = new AtomicInteger();

  private final List<WebhookErrorHandler> errorHandlers = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  /**
   * @param observer sees each event before its handlers (keeps the installation directory current)
   * @param listener already {@linkplain GuardedListener guarded}
   */
  Dispatcher(
      WebhooksBuilder settings,
      Router router,
      Consumer<WebhookEvent> observer,
      WebhookListener listener) {
    this.ownsExecutor = settings.executor == null;
    this.executor =
        ownsExecutor ? boundedPool(settings.threads, settings.queueCapacity) : settings.executor;
    this.shutdownTimeout = settings.shutdownTimeout;
    this.asyncTimeout = settings.asyncTimeout;
    this.timers = asyncTimeout.isZero() ? null : timerPool();
    this.router = router;
    this.observer = observer;
    this.listener = listener;
    this.recent =
        settings.seenDeliveries != null
            ? settings.seenDeliveries
            : new RecentDeliveries(settings.clock, settings.dedupWindow, settings.dedupCapacity);
  }

  /**
   * The receiver's own pool: {@code threads} daemon threads and a queue of {@code queueCapacity}.
   */
  static ThreadPoolExecutor boundedPool(int threads, int queueCapacity) {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, "ghapp-webhooks-" + count.incrementAndGet());
          // Daemon, so that a forgotten close() does not keep the JVM alive; close() drains
          // the queue.
          t.setDaemon(true);
          return t;
        };
    // The default AbortPolicy throws RejectedExecutionException when the queue is full: that is
    // what turns a backlog into a 503 instead of unbounded memory or a blocked request thread.
    return new ThreadPoolExecutor(
        threads, threads, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(queueCapacity), factory);
  }

  /**
   * One daemon thread, started on first use, for the async timeouts; cancelled timers leave its
   * queue.
   */
  private static ScheduledThreadPoolExecutor timerPool() {
    ScheduledThreadPoolExecutor pool =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "ghapp-webhooks-timeouts");
              t.setDaemon(true);
              return t;
            });
    pool.setRemoveOnCancelPolicy(true);
    return pool;
  }

  /** Deliveries accepted whose task has not started yet. */
  int queueDepth() {
    return waiting.get();
  }

  void addErrorHandler(WebhookErrorHandler handler) {
    errorHandlers.add(handler);
  }

  /**
   * Accepts {@code event} for its handlers, or acknowledges a duplicate.
   *
   * @throws Rejected 503 when closed or when the executor has no room
   */
  WebhookResult submit(WebhookEvent event) throws Rejected {
    if (closed) {
      throw closing(event);
    }
    if (!recent.firstSighting(event.deliveryId())) {
      log.debug(
          "delivery {} ({}) seen before; acknowledged, not handled again",
          event.deliveryId(),
          event.qualifiedName());
      listener.duplicate(event);
      return WebhookResult.duplicate(event.deliveryId());
    }
    int depth = waiting.incrementAndGet();
    try {
      executor.execute(new Delivery(event));
    } catch (RejectedExecutionException full) {
      waiting.decrementAndGet();
      // Not accepted, so not remembered: the redelivery must be handled.
      recent.forget(event.deliveryId());
      if (closed) {
        throw closing(event);
      }
      log.warn(
          "delivery {} ({}) refused with 503: handlers are behind and the queue is full",
          event.deliveryId(),
          event.qualifiedName());
      throw new Rejected(
          Refusal.QUEUE_FULL,
          WebhookResult.unavailable(
              "handlers are behind and the queue is full; delivery "
                  + event.deliveryId()
                  + " was not accepted, redeliver it"));
    }
    // After execute, so only a delivery really queued counts; its handlers may be done already.
    listener.accepted(event, depth);
    return WebhookResult.accepted(event.deliveryId());
  }

  private static Rejected closing(WebhookEvent event) {
    return new Rejected(
        Refusal.CLOSED,
        WebhookResult.unavailable(
            "this receiver is shutting down; redeliver "
                + event.deliveryId()
                + " once it is back"));
  }

  /**
   * Stops accepting deliveries, lets queued ones run for up to the shutdown timeout, and reports to
   * the error handlers each one that still had not started by then.
   */
  void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      drain();
    } finally {
      // Futures still incomplete now are no longer timed: the receiver is gone.
      if (timers != null) {
        timers.shutdownNow();
      }
    }
  }

  private void drain() {
    if (!ownsExecutor) {
      return;
    }
    ExecutorService service = (ExecutorService) executor;
    service.shutdown();
    try {
      if (service.awaitTermination(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Runnable unstarted : service.shutdownNow()) {
      if (unstarted instanceof Delivery delivery) {
        waiting.decrementAndGet();
        Throwable error =
            new IllegalStateException(
                "the receiver was closed before delivery "
                    + delivery.event.deliveryId()
                    + " was handled; redeliver it");
        report(delivery.event, error);
        listener.failed(delivery.event, error, Duration.ZERO);
      }
    }
  }

  private void run(Delivery delivery) {
    WebhookEvent event = delivery.event;
    try {
      observer.accept(event);
    } catch (RuntimeException e) {
      delivery.fail(e);
    }
    for (AsyncWebhookHandler handler : router.handlersFor(event)) {
      CompletionStage<?> stage;
      try {
        stage = handler.handle(event);
      } catch (Exception | Error e) {
        delivery.fail(e);
        rethrowIfFatal(e);
        continue;
      }
      if (stage == null) {
        delivery.fail(
            new NullPointerException(
                "an async handler returned null instead of a"
                    + " CompletionStage; return CompletableFuture.completedFuture(null) when there is nothing to wait for"));
        continue;
      }
      watch(delivery, stage);
    }
    delivery.settle();
  }

  /**
   * Reports {@code stage}'s failure, or its staying incomplete past the async timeout, once, and
   * counts it as settled then.
   */
  private void watch(Delivery delivery, CompletionStage<?> stage) {
    // Synchronous handlers come back as completed futures: no timer, no callback for them.
    if (stage instanceof CompletableFuture<?> future && future.isDone()) {
      try {
        future.join();
      } catch (CompletionException | CancellationException failure) {
        delivery.fail(unwrap(failure));
      }
      return;
    }
    delivery.pending.incrementAndGet();
    AtomicBoolean settled = new AtomicBoolean();
    ScheduledFuture<?> timer =
        timers == null
            ? null
            : schedule(
                () -> {
                  if (settled.compareAndSet(false, true)) {
                    delivery.fail(
                        new TimeoutException(
                            "an async handler's future did not complete within "
                                + asyncTimeout
                                + " for delivery "
                                + delivery.event.deliveryId()
                                + "; its work was not cancelled, and"
                                + " its outcome will be ignored (complete the future, or raise asyncTimeout)"));
                    delivery.settle();
                  }
                });
    stage.whenComplete(
        (ignored, failure) -> {
          if (timer != null) {
            timer.cancel(false);
          }
          if (settled.compareAndSet(false, true)) {
            if (failure != null) {
              delivery.fail(unwrap(failure));
            }
            delivery.settle();
          }
        });
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }

  private ScheduledFuture<?> schedule(Runnable timeout) {
    try {
      return timers.schedule(timeout, saturatedNanos(asyncTimeout), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closing) {
      return null; // close() has run: see there
    }
  }

  private void report(WebhookEvent event, Throwable error) {
    // A failed delivery is forgotten, so that redelivering it once the cause is fixed runs it again
    // instead of being acknowledged as a duplicate (all its handlers run again: at least once, not
    // once).
    recent.forget(event.deliveryId());
    if (errorHandlers.isEmpty()) {
      log.error(
          "handler failed on delivery {} ({})", event.deliveryId(), event.qualifiedName(), error);
      return;
    }
    for (WebhookErrorHandler handler : errorHandlers) {
      try {
        handler.onError(event, error);
      } catch (RuntimeException e) {
        log.error(
            "error handler failed on delivery {} ({}) while reporting {}",
            event.deliveryId(),
            event.qualifiedName(),
            error.toString(),
            e);
      }
    }
  }

  /**
   * A timeout of centuries is just "never": no overflow for whoever writes
   * Duration.ofDays(365_000).
   */
  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }

  private static void rethrowIfFatal(Throwable e) {
    if (e instanceof VirtualMachineError fatal) {
      throw fatal;
    }
  }

  /**
   * A task the executor can hand back unstarted on shutdown, still knowing its event; once started,
   * it counts the handlers still pending (the task itself, and each incomplete future), so that the
   * listener hears {@code handled} once, when the last one settles without any having failed.
   */
  private final class Delivery implements Runnable {
    final WebhookEvent event;
    final AtomicInteger pending = new AtomicInteger(1);
    private volatile long startedNanos;
    private volatile boolean failed;

    Delivery(WebhookEvent event) {
      this.event = event;
    }

    @Override
    public void run() {
      waiting.decrementAndGet();
      startedNanos = System.nanoTime();
      Dispatcher.this.run(this);
    }

    /** Tells the error handlers, then the listener. */
    void fail(Throwable error) {
      failed = true;
      report(event, error);
      listener.failed(event, error, took());
    }

    /** The task or one future is done; the last one to settle tells the listener. */
    void settle() {
      if (pending.decrementAndGet() == 0 && !failed) {
        listener.handled(event, took());
      }
    }

    private Duration took() {
      return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
  }
}
