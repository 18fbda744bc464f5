package io.github.ghapp.micrometer;

import io.github.ghapp.webhooks.WebhookEvent;
import io.github.ghapp.webhooks.WebhookListener;
import io.github.ghapp.webhooks.WebhookResult;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/**
 * Micrometer meters on a {@link io.github.ghapp.webhooks.Webhooks} receiver: deliveries by event,
 * action and outcome (handled, failed, refused and why, duplicate), how long their handlers take,
 * and how many deliveries wait for a handler thread. The module's README lists every meter.
 *
 * <pre>{@code
 * WebhookMetrics metrics = new WebhookMetrics();
 * metrics.bindTo(registry);
 * Webhooks hooks = Webhooks.builder(app).secret(secret).listener(metrics).build();
 * }</pre>
 *
 * <p>Until {@link #bindTo} it records nothing. It publishes to the registry it was last bound to;
 * binding again to the same registry changes nothing. To publish to several registries, bind it
 * once to a {@code CompositeMeterRegistry}. Several receivers may share one instance: their meters
 * add up, and the queue gauge sums their queues.
 *
 * <p>Event and action names are tags only from deliveries whose signature verified (a refused
 * delivery is tagged {@code none}), and at most {@value #MAX_EVENTS} event names and {@value
 * #MAX_EVENT_ACTIONS} event-action pairs become tag values; later ones, and names that are not
 * lower-case words, are {@code other}. GitHub's own list is well within that, but whoever holds a
 * webhook secret could otherwise make a series per name it invents.
 */
public final class WebhookMetrics implements WebhookListener, MeterBinder {
  /** Distinct event names that become tag values; later ones are {@code other}. */
  static final int MAX_EVENTS = 200;

  /** Distinct event-action pairs that become tag values; later ones' actions are {@code other}. */
  static final int MAX_EVENT_ACTIONS = 500;

  static final int MAX_EXCEPTIONS = 50;

  private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,64}");

  private final TagValues events = new TagValues(MAX_EVENTS);
  private final TagValues eventActions = new TagValues(MAX_EVENT_ACTIONS);
  private final TagValues exceptions = new TagValues(MAX_EXCEPTIONS);
  private final List<IntSupplier> queues = new CopyOnWriteArrayList<>();
  private volatile MeterRegistry registry;

  /** Meters for one or more receivers. */
  public WebhookMetrics() {}

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("ghapp.webhook.queue.depth", this, WebhookMetrics::queueDepth)
        .description("Accepted deliveries waiting for a handler thread")
        .baseUnit("deliveries")
        .register(registry);
    this.registry = registry;
  }

  /** Receivers built with this listener tell it here how to read their queues. */
  @Override
  public void queueDepthSource(IntSupplier depth) {
    queues.add(depth);
  }

  @Override
  public void refused(Refusal reason, WebhookResult result) {
    MeterRegistry r = registry;
    if (r != null) {
      r.counter(
              "ghapp.webhook.deliveries",
              Tags.of("event", "none", "action", "none", "outcome", "refused")
                  .and("reason", reason.name().toLowerCase(Locale.ROOT)))
          .increment();
    }
  }

  @Override
  public void duplicate(WebhookEvent event) {
    count(event, "duplicate");
  }

  @Override
  public void handled(WebhookEvent event, Duration took) {
    MeterRegistry r = registry;
    if (r != null) {
      Tags tags = names(event);
      count(r, tags, "handled");
      r.timer("ghapp.webhook.handling", tags.and("outcome", "handled", "exception", "none"))
          .record(took);
    }
  }

  @Override
  public void failed(WebhookEvent event, Throwable error, Duration took) {
    MeterRegistry r = registry;
    if (r != null) {
      Tags tags = names(event);
      count(r, tags, "failed");
      r.timer(
              "ghapp.webhook.handling",
              tags.and("outcome", "failed", "exception", exceptionName(error)))
          .record(took);
    }
  }

  @Override
  public String toString() {
    return "WebhookMetrics";
  }

  private double queueDepth() {
    int sum = 0;
    for (IntSupplier queue : queues) {
      sum += queue.getAsInt();
    }
    return sum;
  }

  private void count(WebhookEvent event, String outcome) {
    MeterRegistry r = registry;
    if (r != null) {
      count(r, names(event), outcome);
    }
  }

  private static void count(MeterRegistry r, Tags names, String outcome) {
    r.counter("ghapp.webhook.deliveries", names.and("outcome", outcome, "reason", "none"))
        .increment();
  }

  /** The event's name and action as bounded tags: see the class comment. */
  private Tags names(WebhookEvent event) {
    String name = event.name();
    String action = event.action().orElse("none");
    if (!NAME.matcher(name).matches()) {
      return Tags.of("event", TagValues.OTHER, "action", TagValues.OTHER);
    }
    name = events.admit(name);
    if (name.equals(TagValues.OTHER) || !NAME.matcher(action).matches()) {
      return Tags.of("event", name, "action", TagValues.OTHER);
    }
    String pair = eventActions.admit(name + "." + action);
    return Tags.of("event", name, "action", pair.equals(TagValues.OTHER) ? pair : action);
  }

  private String exceptionName(Throwable error) {
    String name = error.getClass().getSimpleName();
    return exceptions.admit(name.isEmpty() ? error.getClass().getName() : name);
  }
}
