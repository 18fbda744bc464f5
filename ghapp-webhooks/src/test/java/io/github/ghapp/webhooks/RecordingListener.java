package io.github.ghapp.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Writes down each listener call as one line ({@code "accepted d-1 depth 1"}), in the order they
 * come, for tests to take one by one; waiting for a line is waiting on a queue, never sleeping.
 * Error handlers can write to the same lines with {@link #note}, to check what comes first.
 */
final class RecordingListener implements WebhookListener {
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  final Map<String, Duration> took = new ConcurrentHashMap<>();

  @Override
  public void received() {
    lines.add("received");
  }

  @Override
  public void refused(Refusal reason, WebhookResult result) {
    lines.add("refused " + reason + " " + result.status());
  }

  @Override
  public void duplicate(WebhookEvent event) {
    lines.add("duplicate " + event.deliveryId());
  }

  @Override
  public void accepted(WebhookEvent event, int queueDepth) {
    lines.add("accepted " + event.deliveryId() + " depth " + queueDepth);
  }

  @Override
  public void handled(WebhookEvent event, Duration duration) {
    took.put("handled " + event.deliveryId(), duration);
    lines.add("handled " + event.deliveryId());
  }

  @Override
  public void failed(WebhookEvent event, Throwable error, Duration duration) {
    took.put("failed " + event.deliveryId(), duration);
    lines.add("failed " + event.deliveryId() + " " + error.getClass().getSimpleName());
  }

  void note(String line) {
    lines.add(line);
  }

  /** The next {@code n} lines, waiting up to 10 seconds for each. */
  List<String> take(int n) throws InterruptedException {
    List<String> taken = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String line = lines.poll(10, TimeUnit.SECONDS);
      assertThat(line).as("line %d of %d; got %s so far", i + 1, n, taken).isNotNull();
      taken.add(line);
    }
    return taken;
  }

  /** Lines written and not taken yet, without waiting. */
  List<String> rest() {
    List<String> rest = new ArrayList<>();
    lines.drainTo(rest);
    return rest;
  }
}
