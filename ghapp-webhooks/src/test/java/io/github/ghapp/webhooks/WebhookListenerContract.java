package io.github.ghapp.webhooks;

import static io.github.ghapp.webhooks.Deliveries.SECRET;
import static io.github.ghapp.webhooks.Deliveries.headers;
import static io.github.ghapp.webhooks.Deliveries.issueOpened;
import static io.github.ghapp.webhooks.Deliveries.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a {@link WebhookListener} hears of each delivery, whichever way deliveries arrive: the
 * subclasses hand them to {@link Webhooks#handle} directly and through a real {@link
 * WebhookServer}. Handlers are held and released with latches; nothing sleeps.
 */
abstract class WebhookListenerContract {
  static final int LIMIT = 4 * 1024;

  final RecordingListener listener = new RecordingListener();
  Webhooks hooks;

  /** Called once {@link #hooks} is built, to start whatever delivers to it. */
  abstract void started(Webhooks hooks);

  /** Delivers one request and returns what its sender was answered. */
  abstract WebhookResult deliver(Map<String, String> headers, byte[] body) throws Exception;

  @AfterEach
  void closeHooks() {
    if (hooks != null) {
      hooks.close();
    }
  }

  Webhooks build(UnaryOperator<WebhooksBuilder> settings) {
    hooks =
        settings
            .apply(Webhooks.builder().secret(SECRET).maxPayloadBytes(LIMIT).listener(listener))
            .build();
    hooks.onError((event, error) -> listener.note("onError " + event.deliveryId()));
    started(hooks);
    return hooks;
  }

  WebhookResult deliver(String deliveryId) throws Exception {
    byte[] body = issueOpened(1);
    return deliver(headers("issues", deliveryId, body), body);
  }

  /** Takes lines up to and including {@code last}. */
  List<String> takeThrough(String last) throws InterruptedException {
    List<String> taken = new ArrayList<>();
    do {
      taken.addAll(listener.take(1));
    } while (!taken.get(taken.size() - 1).equals(last));
    return taken;
  }

  @Test
  void signedDelivery_isReceivedAcceptedAndHandled() throws Exception {
    build(b -> b.workers(1, 10)).on("issues.opened", e -> {});

    assertThat(deliver("d-1").status()).isEqualTo(202);

    List<String> lines = listener.take(3);
    assertThat(lines.get(0)).isEqualTo("received");
    assertThat(lines.subList(1, 3))
        .containsExactlyInAnyOrder("accepted d-1 depth 1", "handled d-1");
    assertThat(listener.took.get("handled d-1")).isGreaterThanOrEqualTo(Duration.ZERO);
  }

  @Test
  void sameDeliveryTwice_isADuplicateTheSecondTime() throws Exception {
    build(b -> b.executor(Runnable::run));

    deliver("d-1");
    assertThat(deliver("d-1").status()).isEqualTo(200);

    assertThat(listener.take(5))
        .containsExactly(
            "received", "handled d-1", "accepted d-1 depth 1", "received", "duplicate d-1");
  }

  @Test
  void unsignedOrWronglySigned_isRefusedForItsSignature() throws Exception {
    build(b -> b.executor(Runnable::run));
    byte[] body = issueOpened(1);
    Map<String, String> unsigned = headers("issues", "d-1", body);
    unsigned.remove("X-Hub-Signature-256");

    deliver(unsigned, body);
    deliver(headers("issues", "d-2", body, "another secret", "application/json"), body);

    assertThat(listener.take(4))
        .containsExactly(
            "received", "refused BAD_SIGNATURE 401", "received", "refused BAD_SIGNATURE 401");
    assertThat(listener.rest()).isEmpty();
  }

  @Test
  void withoutEventOrDeliveryHeader_isRefusedForTheHeader() throws Exception {
    build(b -> b.executor(Runnable::run));
    byte[] body = issueOpened(1);
    Map<String, String> noEvent = headers("issues", "d-1", body);
    noEvent.remove("X-GitHub-Event");
    Map<String, String> noDelivery = headers("issues", "d-1", body);
    noDelivery.remove("X-GitHub-Delivery");

    deliver(noEvent, body);
    deliver(noDelivery, body);

    assertThat(listener.take(4))
        .containsExactly(
            "received", "refused MISSING_HEADER 400", "received", "refused MISSING_HEADER 400");
  }

  @Test
  void malformedJson_isRefusedForItsBody() throws Exception {
    build(b -> b.executor(Runnable::run));
    byte[] body = utf8("{\"action\":");

    assertThat(deliver(headers("issues", "d-1", body), body).status()).isEqualTo(400);

    assertThat(listener.take(2)).containsExactly("received", "refused MALFORMED_BODY 400");
  }

  @Test
  void unsupportedContentType_isRefusedForIt() throws Exception {
    build(b -> b.executor(Runnable::run));
    byte[] body = issueOpened(1);

    deliver(headers("issues", "d-1", body, SECRET, "text/plain"), body);

    assertThat(listener.take(2))
        .containsExactly("received", "refused UNSUPPORTED_CONTENT_TYPE 415");
  }

  @Test
  void bodyOverTheLimit_isRefusedAsTooLarge() throws Exception {
    build(b -> b.executor(Runnable::run));
    byte[] body = new byte[LIMIT + 1];

    assertThat(deliver(headers("ping", "d-1", body), body).status()).isEqualTo(413);

    assertThat(listener.take(2)).containsExactly("received", "refused TOO_LARGE 413");
  }

  @Test
  void closedReceiver_refusesAsClosed() throws Exception {
    build(b -> b.executor(Runnable::run)).close();

    assertThat(deliver("d-1").status()).isEqualTo(503);

    assertThat(listener.take(2)).containsExactly("received", "refused CLOSED 503");
  }

  @Test
  void busyHandlers_countTheQueueUntilItIsFullThenRefuse() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    build(b -> b.workers(1, 2))
        .on(
            "issues",
            e -> {
              if (e.deliveryId().equals("running")) {
                started.countDown();
                release.await();
              }
            });

    deliver("running");
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    deliver("queued-1");
    deliver("queued-2");
    assertThat(deliver("refused").status()).isEqualTo(503);

    assertThat(listener.take(8))
        .containsExactly(
            "received",
            "accepted running depth 1",
            "received",
            "accepted queued-1 depth 1",
            "received",
            "accepted queued-2 depth 2",
            "received",
            "refused QUEUE_FULL 503");
    release.countDown();
    assertThat(listener.take(3))
        .as("one worker: in order")
        .containsExactly("handled running", "handled queued-1", "handled queued-2");
  }

  @Test
  void throwingHandler_failsAfterTheErrorHandlersAndIsNotHandled() throws Exception {
    build(b -> b.workers(1, 10)).on("issues", e -> {});
    hooks.on(
        "issues.opened",
        e -> {
          if (e.deliveryId().equals("d-1")) {
            throw new IllegalStateException("boom");
          }
        });

    deliver("d-1");
    deliver("d-2");

    // One worker: d-1's task is over before d-2's starts, so a "handled d-1" would come first.
    List<String> lines = takeThrough("handled d-2");
    assertThat(lines)
        .containsSubsequence("onError d-1", "failed d-1 IllegalStateException")
        .contains("accepted d-1 depth 1")
        .doesNotContain("handled d-1")
        .containsOnlyOnce("failed d-1 IllegalStateException");
    assertThat(listener.took.get("failed d-1")).isGreaterThanOrEqualTo(Duration.ZERO);
  }

  @Test
  void asyncHandler_isHandledWhenItsFutureCompletes() throws Exception {
    CompletableFuture<Void> work = new CompletableFuture<>();
    build(b -> b.executor(Runnable::run)).onAsync("issues", e -> work);

    deliver("d-1");

    assertThat(listener.take(2)).containsExactly("received", "accepted d-1 depth 1");
    assertThat(listener.rest()).as("nothing before the future completes").isEmpty();
    work.complete(null);
    assertThat(listener.take(1)).containsExactly("handled d-1");
  }

  @Test
  void asyncHandlerFailingLater_failsAndIsNotHandled() throws Exception {
    CompletableFuture<Void> work = new CompletableFuture<>();
    build(b -> b.executor(Runnable::run)).onAsync("issues", e -> work);
    hooks.on("issues", e -> {});

    deliver("d-1");
    assertThat(listener.take(2)).containsExactly("received", "accepted d-1 depth 1");
    work.completeExceptionally(new IllegalStateException("later"));

    assertThat(listener.take(2)).containsExactly("onError d-1", "failed d-1 IllegalStateException");
    assertThat(listener.rest()).isEmpty();
  }

  @Test
  void asyncHandlerNeverCompleting_failsWithATimeout() throws Exception {
    CompletableFuture<Void> never = new CompletableFuture<>();
    build(b -> b.executor(Runnable::run).asyncTimeout(Duration.ofMillis(20)))
        .onAsync("issues", e -> never);

    deliver("d-1");

    assertThat(listener.take(4))
        .containsExactly(
            "received", "accepted d-1 depth 1", "onError d-1", "failed d-1 TimeoutException");
    assertThat(listener.took.get("failed d-1")).isGreaterThanOrEqualTo(Duration.ofMillis(20));
    never.complete(null);
    assertThat(listener.rest()).as("its later outcome is ignored").isEmpty();
  }

  @Test
  void closeGivingUpOnQueuedDeliveries_failsEachWithNoTimeTaken() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    build(b -> b.workers(1, 10).shutdownTimeout(Duration.ZERO))
        .on(
            "issues",
            e -> {
              started.countDown();
              new CountDownLatch(1).await(); // until close() interrupts it
            });
    deliver("running");
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    deliver("queued");
    listener.take(4);

    hooks.close();

    List<String> lines = listener.take(4);
    assertThat(lines)
        .containsSubsequence("onError queued", "failed queued IllegalStateException")
        .containsSubsequence("onError running", "failed running InterruptedException");
    assertThat(listener.took.get("failed queued")).isZero();
  }

  @Test
  void throwingListener_isIgnored() throws Exception {
    CountDownLatch handled = new CountDownLatch(1);
    CountDownLatch reported = new CountDownLatch(1);
    hooks =
        Webhooks.builder()
            .secret(SECRET)
            .maxPayloadBytes(LIMIT)
            .executor(Runnable::run)
            .listener(new ThrowingListener())
            .build();
    hooks.on("issues", e -> handled.countDown());
    hooks.on(
        "ping",
        e -> {
          throw new IllegalStateException("handler");
        });
    hooks.onError((e, error) -> reported.countDown());
    started(hooks);
    byte[] body = issueOpened(1);
    Map<String, String> unsigned = headers("issues", "d-2", body);
    unsigned.remove("X-Hub-Signature-256");
    byte[] ping = utf8("{\"zen\":\"Design for failure.\"}");

    assertThat(deliver("d-1").status()).isEqualTo(202);
    assertThat(handled.getCount()).isZero();
    assertThat(deliver("d-1").status()).isEqualTo(200);
    assertThat(deliver(unsigned, body).status()).isEqualTo(401);
    assertThat(deliver(headers("ping", "d-3", ping), ping).status()).isEqualTo(202);
    assertThat(reported.getCount()).isZero();
  }

  /** Throws from every method, as a broken metrics plug-in might. */
  static final class ThrowingListener implements WebhookListener {
    @Override
    public void received() {
      throw new IllegalStateException("received");
    }

    @Override
    public void refused(Refusal reason, WebhookResult result) {
      throw new IllegalStateException("refused");
    }

    @Override
    public void duplicate(WebhookEvent event) {
      throw new IllegalStateException("duplicate");
    }

    @Override
    public void accepted(WebhookEvent event, int queueDepth) {
      throw new AssertionError("accepted");
    }

    @Override
    public void handled(WebhookEvent event, Duration took) {
      throw new IllegalStateException("handled");
    }

    @Override
    public void failed(WebhookEvent event, Throwable error, Duration took) {
      throw new IllegalStateException("failed");
    }
  }
}
