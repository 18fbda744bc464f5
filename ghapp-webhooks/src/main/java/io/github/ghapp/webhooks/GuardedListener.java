package io.github.ghapp.webhooks;

import java.time.Duration;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's {@link WebhookListener}, made harmless: what it throws is logged and ignored, so that
 * a broken metrics plug-in can neither turn a delivery into a 500 nor stop a worker's other
 * handlers. {@link WebhookListener#NONE} is used as it is, since it cannot throw.
 */
final class GuardedListener implements WebhookListener {
  private static final Logger log = LoggerFactory.getLogger(Webhooks.class);

  private final WebhookListener listener;

  private GuardedListener(WebhookListener listener) {
    this.listener = listener;
  }

  static WebhookListener guard(WebhookListener listener) {
    return listener == WebhookListener.NONE
            || listener instanceof GuardedListener
            || listener instanceof AllListeners
        ? listener
        : new GuardedListener(listener);
  }

  @Override
  public void queueDepthSource(IntSupplier depth) {
    try {
      listener.queueDepthSource(depth);
    } catch (RuntimeException | Error e) {
      ignore("queueDepthSource", e);
    }
  }

  @Override
  public void received() {
    try {
      listener.received();
    } catch (RuntimeException | Error e) {
      ignore("received", e);
    }
  }

  @Override
  public void refused(Refusal reason, WebhookResult result) {
    try {
      listener.refused(reason, result);
    } catch (RuntimeException | Error e) {
      ignore("refused", e);
    }
  }

  @Override
  public void duplicate(WebhookEvent event) {
    try {
      listener.duplicate(event);
    } catch (RuntimeException | Error e) {
      ignore("duplicate", e);
    }
  }

  @Override
  public void accepted(WebhookEvent event, int queueDepth) {
    try {
      listener.accepted(event, queueDepth);
    } catch (RuntimeException | Error e) {
      ignore("accepted", e);
    }
  }

  @Override
  public void handled(WebhookEvent event, Duration took) {
    try {
      listener.handled(event, took);
    } catch (RuntimeException | Error e) {
      ignore("handled", e);
    }
  }

  @Override
  public void failed(WebhookEvent event, Throwable error, Duration took) {
    try {
      listener.failed(event, error, took);
    } catch (RuntimeException | Error e) {
      ignore("failed", e);
    }
  }

  private void ignore(String method, Throwable e) {
    if (e instanceof VirtualMachineError fatal) {
      throw fatal;
    }
    log.warn("webhook listener {} threw in {}; ignored", listener.getClass().getName(), method, e);
  }

  @Override
  public String toString() {
    return listener.toString();
  }
}
