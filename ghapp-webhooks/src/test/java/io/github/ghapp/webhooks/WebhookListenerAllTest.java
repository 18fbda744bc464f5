package io.github.ghapp.webhooks;

import static io.github.ghapp.webhooks.Deliveries.SECRET;
import static io.github.ghapp.webhooks.Deliveries.headers;
import static io.github.ghapp.webhooks.Deliveries.issueOpened;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link WebhookListener#all} and the queue-depth source a receiver hands its listener, with
 * deliveries handed to {@link Webhooks#handle}; handlers are held with latches, nothing sleeps.
 */
class WebhookListenerAllTest {
  /** Throws from every event. */
  private static final WebhookListener BROKEN =
      new WebhookListener() {
        @Override
        public void received() {
          throw new IllegalStateException("broken");
        }

        @Override
        public void accepted(WebhookEvent event, int queueDepth) {
          throw new IllegalStateException("broken");
        }

        @Override
        public void handled(WebhookEvent event, java.time.Duration took) {
          throw new IllegalStateException("broken");
        }
      };

  private Webhooks hooks;

  @AfterEach
  void close() {
    if (hooks != null) {
      hooks.close();
    }
  }

  private void deliver(String deliveryId) {
    byte[] body = issueOpened(1);
    hooks.handle(headers("issues", deliveryId, body), body);
  }

  @Test
  void all_besideABrokenListener_eachOtherListenerHearsEveryEvent() throws Exception {
    RecordingListener first = new RecordingListener();
    RecordingListener second = new RecordingListener();
    hooks =
        Webhooks.builder()
            .secret(SECRET)
            .executor(Runnable::run)
            .listener(WebhookListener.all(first, BROKEN, second))
            .build();

    deliver("d-1");
    deliver("d-1");

    for (RecordingListener heard : new RecordingListener[] {first, second}) {
      assertThat(heard.take(5))
          .containsExactly(
              "received", "handled d-1", "accepted d-1 depth 1", "received", "duplicate d-1");
    }
  }

  @Test
  void all_ofNoneOrOne_isNoneOrThatOneGuarded() {
    assertThat(WebhookListener.all()).isSameAs(WebhookListener.NONE);
    assertThat(WebhookListener.all(WebhookListener.NONE)).isSameAs(WebhookListener.NONE);
    assertThat(WebhookListener.all(BROKEN)).isInstanceOf(GuardedListener.class);
  }

  @Test
  void queueDepthSource_whileTheOnlyWorkerIsBusy_countsTheDeliveriesWaiting() throws Exception {
    AtomicReference<IntSupplier> depth = new AtomicReference<>();
    RecordingListener heard = new RecordingListener();
    WebhookListener source =
        new WebhookListener() {
          @Override
          public void queueDepthSource(IntSupplier queueDepth) {
            depth.set(queueDepth);
          }
        };
    hooks =
        Webhooks.builder()
            .secret(SECRET)
            .workers(1, 10)
            .listener(WebhookListener.all(source, heard))
            .build();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    hooks.on(
        "issues.opened",
        e -> {
          started.countDown();
          assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
        });

    deliver("d-1");
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    deliver("d-2");
    deliver("d-3");

    assertThat(depth.get().getAsInt()).isEqualTo(2);
    release.countDown();
    assertThat(heard.take(9)).filteredOn(l -> l.startsWith("handled")).hasSize(3);
    assertThat(depth.get().getAsInt()).isZero();
  }
}
