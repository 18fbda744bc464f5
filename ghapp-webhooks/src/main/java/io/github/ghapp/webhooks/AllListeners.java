package io.github.ghapp.webhooks;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * What {@link WebhookListener#all} returns: each event told to every listener in turn, each one
 * guarded on its own so that one that throws does not keep the event from the next.
 */
final class AllListeners implements WebhookListener {
  private final WebhookListener[] listeners;

  private AllListeners(WebhookListener[] listeners) {
    this.listeners = listeners;
  }

  static WebhookListener of(WebhookListener... listeners) {
    WebhookListener[] guarded =
        Arrays.stream(Objects.requireNonNull(listeners, "listeners"))
            .map(l -> Objects.requireNonNull(l, "a listener is null"))
            .filter(l -> l != NONE)
            .map(GuardedListener::guard)
            .toArray(WebhookListener[]::new);
    return switch (guarded.length) {
      case 0 -> NONE;
      case 1 -> guarded[0];
      default -> new AllListeners(guarded);
    };
  }

  @Override
  public void queueDepthSource(IntSupplier depth) {
    for (WebhookListener l : listeners) {
      l.queueDepthSource(depth);
    }
  }

  @Override
  public void received() {
    for (WebhookListener l : listeners) {
      l.received();
    }
  }

  @Override
  public void refused(Refusal reason, WebhookResult result) {
    for (WebhookListener l : listeners) {
      l.refused(reason, result);
    }
  }

  @Override
  public void duplicate(WebhookEvent event) {
    for (WebhookListener l : listeners) {
      l.duplicate(event);
    }
  }

  @Override
  public void accepted(WebhookEvent event, int queueDepth) {
    for (WebhookListener l : listeners) {
      l.accepted(event, queueDepth);
    }
  }

  @Override
  public void handled(WebhookEvent event, Duration took) {
    for (WebhookListener l : listeners) {
      l.handled(event, took);
    }
  }

  @Override
  public void failed(WebhookEvent event, Throwable error, Duration took) {
    for (WebhookListener l : listeners) {
      l.failed(event, error, took);
    }
  }

  @Override
  public String toString() {
    return "WebhookListener.all" + Arrays.toString(listeners);
  }
}
