package io.github.ghapp.micrometer;

import io.github.ghapp.webhooks.WebhookListener;
import io.github.ghapp.webhooks.WebhookResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;

/**
 * Micrometer meters on a {@link io.github.ghapp.webhooks.Webhooks} receiver: deliveries by event,
 * action and outcome, how long handlers take, and how many deliveries wait for a handler. The
 * module's README lists every meter.
 *
 * <pre>{@code
 * WebhookMetrics metrics = new WebhookMetrics();
 * metrics.bindTo(registry);
 * Webhooks hooks = Webhooks.builder(app).secret(secret).listener(metrics).build();
 * }</pre>
 *
 * <p>Until {@link #bindTo} it records nothing. It publishes to the registry it was last bound to;
 * binding again to the same registry changes nothing. To publish to several registries, bind it
 * once to a {@code CompositeMeterRegistry}.
 */
public final class WebhookMetrics implements WebhookListener, MeterBinder {
  private volatile MeterRegistry registry;

  /** Meters for one or more receivers. */
  public WebhookMetrics() {}

  @Override
  public void bindTo(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void refused(Refusal reason, WebhookResult result) {
    MeterRegistry r = registry;
    if (r != null) {
      r.counter(
              "ghapp.webhook.deliveries",
              "event",
              "none",
              "action",
              "none",
              "outcome",
              "refused",
              "reason",
              reason.name().toLowerCase(Locale.ROOT))
          .increment();
    }
  }

  @Override
  public String toString() {
    return "WebhookMetrics";
  }
}
