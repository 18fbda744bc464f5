package io.github.ghapp.webhooks;

import static io.github.ghapp.webhooks.Deliveries.SECRET;
import static io.github.ghapp.webhooks.Deliveries.headers;
import static io.github.ghapp.webhooks.Deliveries.issueOpened;
import static io.github.ghapp.webhooks.Deliveries.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.ghapp.emulator.EmulatorClock;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhooksTest {
  private final Queue<String> calls = new ConcurrentLinkedQueue<>();
  private final Queue<String> errors = new ConcurrentLinkedQueue<>();
  private Webhooks hooks;

  @AfterEach
  void close() {
    if (hooks != null) {
      hooks.close();
    }
  }

  /**
   * Handlers run on the caller's thread, so a test sees their effects as soon as handle() returns.
   */
  private Webhooks inline() {
    hooks = Webhooks.builder().secret(SECRET).executor(Runnable::run).build();
    hooks.onError((event, error) -> errors.add(event.deliveryId() + ": " + error.getMessage()));
    return hooks;
  }

  private Webhooks pooled(int threads, int queue) {
    hooks = Webhooks.builder().secret(SECRET).workers(threads, queue).build();
    hooks.onError((event, error) -> errors.add(event.deliveryId() + ": " + error.getMessage()));
    return hooks;
  }

  @Test
  void handle_signedDelivery_routesToActionThenNameThenAnyHandlers() {
    inline().onAny(e -> calls.add("any"));
    hooks.on("issues", e -> calls.add("issues"));
    hooks.on("issues.opened", e -> calls.add("issues.opened"));
    hooks.on("issues.closed", e -> calls.add("issues.closed"));
    hooks.on("push", e -> calls.add("push"));
    byte[] body = issueOpened(1);

    WebhookResult result = hooks.handle(headers("issues", "d-1", body), body);

    assertThat(result.status()).isEqualTo(202);
    assertThat(calls).containsExactly("issues.opened", "issues", "any");
  }

  @Test
  void handle_signedDelivery_givesHandlersTheTypedView() {
    Queue<WebhookEvent> seen = new ConcurrentLinkedQueue<>();
    inline().on("issues.opened", seen::add);
    byte[] body = issueOpened(7);

    hooks.handle(headers("issues", "d-1", body), body);

    WebhookEvent event = seen.remove();
    assertThat(event.name()).isEqualTo("issues");
    assertThat(event.action()).contains("opened");
    assertThat(event.qualifiedName()).isEqualTo("issues.opened");
    assertThat(event.deliveryId()).isEqualTo("d-1");
    assertThat(event.installationId()).hasValue(42);
    assertThat(event.repository())
        .hasValueSatisfying(
            repo -> {
              assertThat(repo.owner()).isEqualTo("octo-org");
              assertThat(repo.name()).isEqualTo("hello-world");
              assertThat(repo.id()).isEqualTo(1296269);
              assertThat(repo.isPrivate()).isTrue();
            });
    assertThat(event.senderLogin()).contains("octocat");
    assertThat(event.payload().path("issue").path("number").asInt()).isEqualTo(7);
  }

  @Test
  void handle_eventWithoutActionOrRepository_hasEmptyParts() {
    Queue<WebhookEvent> seen = new ConcurrentLinkedQueue<>();
    inline().on("ping", seen::add);
    byte[] body = utf8("{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}");

    assertThat(hooks.handle(headers("ping", "d-1", body), body).status()).isEqualTo(202);

    WebhookEvent ping = seen.remove();
    assertThat(ping.action()).isEmpty();
    assertThat(ping.qualifiedName()).isEqualTo("ping");
    assertThat(ping.installationId()).isEmpty();
    assertThat(ping.repository()).isEmpty();
    assertThat(ping.senderLogin()).isEmpty();
  }

  @Test
  void handle_missingSignature_answers401AndRunsNothing() {
    inline().onAny(e -> calls.add("any"));
    byte[] body = issueOpened(1);
    Map<String, String> headers = headers("issues", "d-1", body);
    headers.remove("X-Hub-Signature-256");

    WebhookResult result = hooks.handle(headers, body);

    assertThat(result.status()).isEqualTo(401);
    assertThat(result.message()).contains("no X-Hub-Signature-256");
    assertThat(calls).isEmpty();
  }

  @Test
  void handle_signatureFromAnotherSecret_answers401AndRunsNothing() {
    inline().onAny(e -> calls.add("any"));
    byte[] body = issueOpened(1);

    WebhookResult result =
        hooks.handle(headers("issues", "d-1", body, "wrong", "application/json"), body);

    assertThat(result.status()).isEqualTo(401);
    assertThat(result.message()).contains("does not match").doesNotContain(SECRET);
    assertThat(calls).isEmpty();
  }

  @Test
  void handle_badSignatureOnMalformedBody_answers401BeforeParsing() {
    inline();
    byte[] garbage = utf8("{not json");
    Map<String, String> headers = headers("issues", "d-1", utf8("{}"));

    assertThat(hooks.handle(headers, garbage).status()).isEqualTo(401);
  }

  @Test
  void handle_bodyTruncatedAfterSigning_answers401() {
    inline().onAny(e -> calls.add("any"));
    byte[] body = issueOpened(1);
    byte[] truncated = java.util.Arrays.copyOf(body, body.length - 1);

    assertThat(hooks.handle(headers("issues", "d-1", body), truncated).status()).isEqualTo(401);
    assertThat(calls).isEmpty();
  }

  @Test
  void handle_rotatedSecret_acceptsDeliveriesSignedWithEither() {
    hooks = Webhooks.builder().secret("new secret").secret(SECRET).executor(Runnable::run).build();
    hooks.onAny(e -> calls.add(e.deliveryId()));
    byte[] body = issueOpened(1);

    assertThat(
            hooks.handle(headers("issues", "old", body, SECRET, "application/json"), body).status())
        .isEqualTo(202);
    assertThat(
            hooks
                .handle(headers("issues", "new", body, "new secret", "application/json"), body)
                .status())
        .isEqualTo(202);
    assertThat(
            hooks
                .handle(headers("issues", "other", body, "retired", "application/json"), body)
                .status())
        .isEqualTo(401);
    assertThat(calls).containsExactly("old", "new");
  }

  @Test
  void handle_malformedJson_answers400AndRunsNothing() {
    inline().onAny(e -> calls.add("any"));
    byte[] body = utf8("{\"action\":\"opened\",");

    WebhookResult result = hooks.handle(headers("issues", "d-1", body), body);

    assertThat(result.status()).isEqualTo(400);
    assertThat(result.message()).contains("not valid JSON");
    assertThat(calls).isEmpty();
  }

  @Test
  void handle_jsonThatIsNotAnObject_answers400() {
    inline();
    for (String json : List.of("[1,2]", "\"text\"", "", "{} {}")) {
      byte[] body = utf8(json);
      assertThat(hooks.handle(headers("issues", "d-" + json, body), body).status())
          .as("body <%s>", json)
          .isEqualTo(400);
    }
  }

  @Test
  void handle_missingEventOrDeliveryHeader_answers400() {
    inline().onAny(e -> calls.add("any"));
    byte[] body = issueOpened(1);
    Map<String, String> noEvent = headers("issues", "d-1", body);
    noEvent.remove("X-GitHub-Event");
    Map<String, String> noDelivery = headers("issues", "d-1", body);
    noDelivery.remove("X-GitHub-Delivery");

    assertThat(hooks.handle(noEvent, body))
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo(400);
              assertThat(r.message()).contains("X-GitHub-Event");
            });
    assertThat(hooks.handle(noDelivery, body))
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo(400);
              assertThat(r.message()).contains("X-GitHub-Delivery");
            });
    assertThat(calls).isEmpty();
  }

  @Test
  void handle_emptyBody_answers401UnsignedAnd400Signed() {
    inline().onAny(e -> calls.add("any"));
    byte[] empty = new byte[0];
    Map<String, String> unsigned = headers("ping", "d-1", empty);
    unsigned.remove("X-Hub-Signature-256");

    assertThat(hooks.handle(unsigned, empty).status()).isEqualTo(401);
    assertThat(hooks.handle(headers("ping", "d-2", empty), empty))
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo(400);
              assertThat(r.message()).contains("must be a JSON object, got nothing");
            });
    assertThat(
            hooks.handle(headers("ping", "d-3", empty), new ByteArrayInputStream(empty)).status())
        .isEqualTo(400);
    assertThat(calls).isEmpty();
  }

  @Test
  void handle_hugeOrControlCharacterHeaders_areRefusedWithAShortOneLineReason() {
    inline().onAny(e -> calls.add("any"));
    byte[] body = issueOpened(1);
    String huge = "x\r\n".repeat(300_000);

    WebhookResult type = hooks.handle(headers("issues", "d-1", body, SECRET, huge), body);
    Map<String, String> longId = headers("issues", huge, body);
    Map<String, String> badLength = headers("issues", "d-2", body);
    badLength.put("Content-Length", huge);

    assertThat(type.status()).isEqualTo(415);
    assertThat(hooks.handle(longId, body).status()).isEqualTo(400);
    WebhookResult length = hooks.handle(badLength, new ByteArrayInputStream(body));
    assertThat(length.status()).isEqualTo(400);
    assertThat(List.of(type.message(), length.message()))
        .allSatisfy(
            m -> {
              assertThat(m).hasSizeLessThan(300);
              assertThat(m).doesNotContain("\r", "\n");
            });
    assertThat(calls).isEmpty();
  }

  @Test
  void handle_headerWithNullValue_isTreatedAsMissing() {
    inline().onAny(e -> calls.add("any"));
    byte[] body = issueOpened(1);
    Map<String, String> nullSignature = headers("issues", "d-1", body);
    nullSignature.remove("X-Hub-Signature-256");
    nullSignature.put("x-hub-signature-256", null);
    Map<String, String> nullType = headers("issues", "d-2", body);
    nullType.put("Content-Type", null);

    assertThat(hooks.handle(nullSignature, body).status()).isEqualTo(401);
    assertThat(hooks.handle(nullType, body).status()).isEqualTo(415);
    assertThat(calls).isEmpty();
  }

  @Test
  void handle_refusals_neverShowTheSecretOrTheExpectedSignature() {
    inline();
    byte[] body = issueOpened(1);
    Map<String, String> forged =
        headers("issues", "d-1", body, "another secret", "application/json");

    WebhookResult result = hooks.handle(forged, body);

    assertThat(result.status()).isEqualTo(401);
    assertThat(result.message())
        .doesNotContain(SECRET, WebhookSignature.sign(SECRET, body).substring(7));
    assertThat(hooks.toString()).doesNotContain(SECRET);
    assertThat(Webhooks.builder().secret(SECRET).toString()).doesNotContain(SECRET);
    assertThatThrownBy(() -> Webhooks.builder().secret(SECRET).secret(SECRET))
        .message()
        .doesNotContain(SECRET);
  }

  @Test
  void handle_headerNamesInAnyCase_areFound() {
    inline().onAny(e -> calls.add(e.name()));
    byte[] body = issueOpened(1);
    Map<String, String> lower = new java.util.HashMap<>();
    headers("issues", "d-1", body)
        .forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));

    assertThat(hooks.handle(lower, body).status()).isEqualTo(202);
    assertThat(calls).containsExactly("issues");
  }

  @Test
  void handle_unknownOrMissingContentType_answers415() {
    inline().onAny(e -> calls.add("any"));
    byte[] body = issueOpened(1);
    Map<String, String> missing = headers("issues", "d-2", body);
    missing.remove("Content-Type");

    assertThat(hooks.handle(headers("issues", "d-1", body, SECRET, "text/plain"), body).status())
        .isEqualTo(415);
    assertThat(hooks.handle(missing, body).status()).isEqualTo(415);
    assertThat(calls).isEmpty();
  }

  @Test
  void handle_jsonWithCharsetParameter_isAccepted() {
    inline().onAny(e -> calls.add("any"));
    byte[] body = issueOpened(1);

    assertThat(
            hooks
                .handle(
                    headers("issues", "d-1", body, SECRET, "Application/JSON; charset=utf-8"), body)
                .status())
        .isEqualTo(202);
  }

  @Test
  void handle_formEncodedPayload_isVerifiedOverTheFormAndParsed() {
    Queue<WebhookEvent> seen = new ConcurrentLinkedQueue<>();
    inline().on("issues.opened", seen::add);
    String json = "{\"action\":\"opened\",\"issue\":{\"title\":\"a+b & c=d ü\"}}";
    byte[] form = utf8("payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8));

    WebhookResult result =
        hooks.handle(
            headers("issues", "d-1", form, SECRET, "application/x-www-form-urlencoded"), form);

    assertThat(result.status()).isEqualTo(202);
    assertThat(seen.remove().payload().path("issue").path("title").asText())
        .isEqualTo("a+b & c=d ü");
  }

  @Test
  void handle_formWithoutPayloadField_answers400() {
    inline();
    byte[] form = utf8("other=1");

    WebhookResult result =
        hooks.handle(
            headers("issues", "d-1", form, SECRET, "application/x-www-form-urlencoded"), form);

    assertThat(result.status()).isEqualTo(400);
    assertThat(result.message()).contains("'payload'");
  }

  @Test
  void handle_bodyOverTheLimit_answers413() {
    hooks = Webhooks.builder().secret(SECRET).maxPayloadBytes(100).executor(Runnable::run).build();
    byte[] atLimit = utf8("{\"pad\":\"" + "x".repeat(100 - 10) + "\"}");
    byte[] overLimit = utf8("{\"pad\":\"" + "x".repeat(100 - 9) + "\"}");

    assertThat(atLimit).hasSize(100);
    assertThat(hooks.handle(headers("ping", "d-1", atLimit), atLimit).status()).isEqualTo(202);
    assertThat(hooks.handle(headers("ping", "d-2", overLimit), overLimit).status()).isEqualTo(413);
    assertThat(
            hooks
                .handle(headers("ping", "d-3", overLimit), new ByteArrayInputStream(overLimit))
                .status())
        .isEqualTo(413);
  }

  @Test
  void handle_declaredLengthOverTheLimit_answers413WithoutReadingTheBody() {
    inline();
    CountingStream body = new CountingStream(Long.MAX_VALUE);
    Map<String, String> headers = headers("ping", "d-1", new byte[0]);
    headers.put("Content-Length", String.valueOf(Webhooks.DEFAULT_MAX_PAYLOAD_BYTES + 1L));

    WebhookResult result = hooks.handle(headers, body);

    assertThat(result.status()).isEqualTo(413);
    assertThat(body.read).isZero();
  }

  @Test
  void
      handle_undeclaredLengthOverTheDefault25MiB_answers413AfterReadingNoMoreThanTheLimitAndOneChunk() {
    inline();
    CountingStream endless = new CountingStream(Long.MAX_VALUE);

    WebhookResult result = hooks.handle(headers("ping", "d-1", new byte[0]), endless);

    assertThat(result.status()).isEqualTo(413);
    assertThat(result.message()).contains(String.valueOf(Webhooks.DEFAULT_MAX_PAYLOAD_BYTES));
    assertThat(endless.read).isLessThanOrEqualTo(Webhooks.DEFAULT_MAX_PAYLOAD_BYTES + 64 * 1024L);
  }

  @Test
  void handle_streamEndingBeforeItsContentLength_answers400() {
    inline().onAny(e -> calls.add("any"));
    byte[] body = issueOpened(1);
    Map<String, String> headers = headers("issues", "d-1", body);
    headers.put("Content-Length", String.valueOf(body.length + 10));

    WebhookResult result = hooks.handle(headers, new ByteArrayInputStream(body));

    assertThat(result.status()).isEqualTo(400);
    assertThat(result.message()).contains("ended after " + body.length);
    assertThat(calls).isEmpty();
  }

  @Test
  void handle_streamWithExactContentLength_isAccepted() {
    inline().onAny(e -> calls.add("any"));
    byte[] body = issueOpened(1);
    Map<String, String> headers = headers("issues", "d-1", body);
    headers.put("Content-Length", String.valueOf(body.length));

    assertThat(hooks.handle(headers, new ByteArrayInputStream(body)).status()).isEqualTo(202);
    assertThat(
            hooks.handle(headers("issues", "d-2", body), new ByteArrayInputStream(body)).status())
        .isEqualTo(202);
    assertThat(calls).hasSize(2);
  }

  @Test
  void handle_invalidContentLength_answers400() {
    inline();
    byte[] body = issueOpened(1);
    Map<String, String> headers = headers("issues", "d-1", body);
    headers.put("Content-Length", "-5");

    assertThat(hooks.handle(headers, new ByteArrayInputStream(body)).status()).isEqualTo(400);
  }

  @Test
  void handle_sameDeliveryTwice_handlesItOnceAndAcknowledgesTheReplay() {
    inline().onAny(e -> calls.add(e.deliveryId()));
    byte[] body = issueOpened(1);

    assertThat(hooks.handle(headers("issues", "d-1", body), body).status()).isEqualTo(202);
    WebhookResult replay = hooks.handle(headers("issues", "d-1", body), body);

    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.message()).contains("already accepted");
    assertThat(calls).containsExactly("d-1");
  }

  @Test
  void handle_withSeenDeliveries_asksThemInsteadOfItsOwnMemory() {
    // what another replica already accepted, as a shared store would know it
    java.util.Set<String> seenByTheFleet = java.util.concurrent.ConcurrentHashMap.newKeySet();
    seenByTheFleet.add("d-elsewhere");
    SeenDeliveries shared =
        new SeenDeliveries() {
          @Override
          public boolean firstSighting(String deliveryId) {
            return seenByTheFleet.add(deliveryId);
          }

          @Override
          public void forget(String deliveryId) {
            seenByTheFleet.remove(deliveryId);
          }
        };
    hooks =
        Webhooks.builder().secret(SECRET).executor(Runnable::run).seenDeliveries(shared).build();
    hooks.onAny(e -> calls.add(e.deliveryId()));
    byte[] body = issueOpened(1);

    assertThat(hooks.handle(headers("issues", "d-elsewhere", body), body).status()).isEqualTo(200);
    assertThat(hooks.handle(headers("issues", "d-new", body), body).status()).isEqualTo(202);

    assertThat(calls).containsExactly("d-new");
    assertThat(seenByTheFleet).contains("d-new");
  }

  @Test
  void build_withDeduplicationAndSeenDeliveries_refusesSayingWhich() {
    assertThatThrownBy(
            () ->
                Webhooks.builder()
                    .secret(SECRET)
                    .deduplication(Duration.ofMinutes(1), 10)
                    .seenDeliveries(
                        SeenDeliveries.inMemory(
                            java.time.Clock.systemUTC(), Duration.ofMinutes(1), 10))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("either deduplication(window, capacity) or seenDeliveries");
  }

  @Test
  void handle_sameDeliveryAfterTheWindow_handlesItAgain() {
    EmulatorClock clock = EmulatorClock.stoppedAt(Instant.parse("2025-01-01T00:00:00Z"));
    hooks =
        Webhooks.builder()
            .secret(SECRET)
            .executor(Runnable::run)
            .clock(clock)
            .deduplication(Duration.ofMinutes(10), 1000)
            .build();
    hooks.onAny(e -> calls.add(e.deliveryId()));
    byte[] body = issueOpened(1);

    hooks.handle(headers("issues", "d-1", body), body);
    clock.advance(Duration.ofMinutes(9));
    assertThat(hooks.handle(headers("issues", "d-1", body), body).status()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(1));
    assertThat(hooks.handle(headers("issues", "d-1", body), body).status()).isEqualTo(202);

    assertThat(calls).containsExactly("d-1", "d-1");
  }

  @Test
  void handle_moreDeliveriesThanTheDedupCapacity_forgetsTheOldestFirst() {
    hooks =
        Webhooks.builder()
            .secret(SECRET)
            .executor(Runnable::run)
            .deduplication(Duration.ofHours(1), 2)
            .build();
    byte[] body = issueOpened(1);
    for (String id : List.of("a", "b", "c")) {
      hooks.handle(headers("issues", id, body), body);
    }

    assertThat(hooks.handle(headers("issues", "c", body), body).status()).isEqualTo(200);
    assertThat(hooks.handle(headers("issues", "a", body), body).status()).isEqualTo(202);
  }

  @Test
  void handle_throwingHandler_reportsTheDeliveryIdAndStillRunsTheOthers() {
    inline()
        .on(
            "issues.opened",
            e -> {
              throw new IllegalStateException("boom");
            });
    hooks.on("issues", e -> calls.add("issues"));
    hooks.onAny(e -> calls.add("any"));
    byte[] body = issueOpened(1);

    WebhookResult result = hooks.handle(headers("issues", "d-42", body), body);

    assertThat(result.status()).isEqualTo(202);
    assertThat(calls).containsExactly("issues", "any");
    assertThat(errors).containsExactly("d-42: boom");
  }

  @Test
  void handle_redeliveryOfADeliveryAHandlerFailedOn_isHandledAgain() {
    java.util.concurrent.atomic.AtomicBoolean broken =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    inline()
        .on(
            "issues",
            e -> {
              if (broken.get()) {
                throw new IllegalStateException("bug");
              }
              calls.add(e.deliveryId());
            });
    byte[] body = issueOpened(1);
    hooks.handle(headers("issues", "d-5", body), body);
    broken.set(false);

    WebhookResult redelivery = hooks.handle(headers("issues", "d-5", body), body);

    assertThat(redelivery.status()).isEqualTo(202);
    assertThat(errors).containsExactly("d-5: bug");
    assertThat(calls).containsExactly("d-5");
  }

  @Test
  void handle_asyncHandlerFailingLater_reportsTheDeliveryId() {
    CompletableFuture<Void> work = new CompletableFuture<>();
    inline().onAsync("issues", e -> work);
    hooks.onAnyAsync(e -> CompletableFuture.runAsync(() -> calls.add("any"), Runnable::run));
    byte[] body = issueOpened(1);

    assertThat(hooks.handle(headers("issues", "d-7", body), body).status()).isEqualTo(202);
    assertThat(errors).isEmpty();
    work.completeExceptionally(new IllegalStateException("later"));

    assertThat(errors).containsExactly("d-7: later");
    assertThat(calls).containsExactly("any");
  }

  @Test
  void handle_asyncHandlerNeverCompleting_isReportedOnceAfterTheAsyncTimeout() {
    CompletableFuture<Void> never = new CompletableFuture<>();
    hooks =
        Webhooks.builder()
            .secret(SECRET)
            .executor(Runnable::run)
            .asyncTimeout(Duration.ofMillis(50))
            .build();
    hooks.onError(
        (event, error) -> errors.add(event.deliveryId() + ": " + error.getClass().getSimpleName()));
    hooks.onAsync("issues", e -> never);
    byte[] body = issueOpened(1);

    assertThat(hooks.handle(headers("issues", "d-10", body), body).status()).isEqualTo(202);

    await().atMost(Duration.ofSeconds(10)).until(() -> !errors.isEmpty());
    never.completeExceptionally(new IllegalStateException("too late"));
    assertThat(errors).containsExactly("d-10: TimeoutException");
    assertThat(hooks.handle(headers("issues", "d-10", body), body).status())
        .as("a timed-out delivery is forgotten, so its redelivery is handled")
        .isEqualTo(202);
  }

  @Test
  void asyncTimeout_negative_isRefusedNamingZeroForNone() {
    assertThatThrownBy(() -> Webhooks.builder().asyncTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Duration.ZERO");
  }

  @Test
  void handle_asyncHandlerReturningNull_isReportedAsABug() {
    inline().onAsync("issues", e -> null);
    byte[] body = issueOpened(1);

    hooks.handle(headers("issues", "d-8", body), body);

    assertThat(errors).singleElement().asString().startsWith("d-8: an async handler returned null");
  }

  @Test
  void handle_throwingErrorHandler_doesNotStopTheOtherErrorHandlers() {
    inline()
        .onError(
            (e, error) -> {
              throw new IllegalStateException("error handler is broken too");
            });
    hooks.on(
        "issues",
        e -> {
          throw new IllegalStateException("boom");
        });
    byte[] body = issueOpened(1);

    assertThat(hooks.handle(headers("issues", "d-9", body), body).status()).isEqualTo(202);
    assertThat(errors).containsExactly("d-9: boom");
  }

  @Test
  void handle_handlerStillRunning_isAnsweredWithoutWaitingForIt() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch finished = new CountDownLatch(1);
    pooled(1, 10)
        .on(
            "issues",
            e -> {
              release.await(); // stands for a handler slower than GitHub's 10 seconds
              finished.countDown();
            });
    byte[] body = issueOpened(1);

    WebhookResult result = hooks.handle(headers("issues", "d-1", body), body);

    assertThat(result.status()).isEqualTo(202);
    assertThat(finished.getCount())
        .as("handler still running when GitHub is answered")
        .isEqualTo(1);
    release.countDown();
    assertThat(finished.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(errors).isEmpty();
  }

  @Test
  void handle_queueFull_answers503AndTheRedeliveryIsHandledLater() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch firstStarted = new CountDownLatch(1);
    pooled(1, 1)
        .on(
            "issues",
            e -> {
              calls.add(e.deliveryId());
              firstStarted.countDown();
              release.await();
            });
    byte[] body = issueOpened(1);

    assertThat(hooks.handle(headers("issues", "running", body), body).status()).isEqualTo(202);
    firstStarted.await();
    assertThat(hooks.handle(headers("issues", "queued", body), body).status()).isEqualTo(202);
    WebhookResult refused = hooks.handle(headers("issues", "refused", body), body);

    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.message()).contains("refused").contains("redeliver");
    release.countDown();
    await().until(() -> calls.size() == 2);
    assertThat(hooks.handle(headers("issues", "refused", body), body).status()).isEqualTo(202);
    await().until(() -> calls.contains("refused"));
    assertThat(calls).containsExactly("running", "queued", "refused");
    assertThat(errors).isEmpty();
  }

  @Test
  void close_letsQueuedDeliveriesFinish() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    pooled(1, 10)
        .on(
            "issues",
            e -> {
              release.await();
              calls.add(e.deliveryId());
            });
    byte[] body = issueOpened(1);
    hooks.handle(headers("issues", "a", body), body);
    hooks.handle(headers("issues", "b", body), body);

    CompletableFuture<Void> closing = CompletableFuture.runAsync(hooks::close);
    release.countDown();
    closing.get(10, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(calls).containsExactly("a", "b");
    assertThat(errors).isEmpty();
    assertThat(hooks.handle(headers("issues", "c", body), body).status()).isEqualTo(503);
  }

  @Test
  void close_afterTheShutdownTimeout_reportsEveryUnstartedDelivery() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    hooks = Webhooks.builder().secret(SECRET).workers(1, 10).shutdownTimeout(Duration.ZERO).build();
    hooks.onError(
        (event, error) -> errors.add(event.deliveryId() + ": " + error.getClass().getSimpleName()));
    hooks.on(
        "issues",
        e -> {
          started.countDown();
          new CountDownLatch(1).await(); // blocks until close() interrupts it
        });
    byte[] body = issueOpened(1);
    hooks.handle(headers("issues", "running", body), body);
    started.await();
    hooks.handle(headers("issues", "queued-1", body), body);
    hooks.handle(headers("issues", "queued-2", body), body);

    hooks.close();

    await().until(() -> errors.size() == 3);
    assertThat(errors)
        .containsExactlyInAnyOrder(
            "running: InterruptedException",
            "queued-1: IllegalStateException",
            "queued-2: IllegalStateException");
  }

  @Test
  void on_notAnEventName_isRefusedWithAnExample() {
    inline();
    assertThatThrownBy(() -> hooks.on("Issues.Opened", e -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'issues.opened'");
    assertThatThrownBy(() -> hooks.on("*", e -> {})).hasMessageContaining("onAny");
  }

  @Test
  void on_repositoryDispatchWithItsSendersEventType_routesByThatAction() {
    inline().on("repository_dispatch.on-demand-test", e -> calls.add(e.qualifiedName()));
    byte[] body = utf8("{\"action\":\"on-demand-test\",\"branch\":\"main\"}");

    hooks.handle(headers("repository_dispatch", "d-1", body), body);

    assertThat(calls).containsExactly("repository_dispatch.on-demand-test");
  }

  @Test
  void build_withoutSecret_isRefusedWithTheFix() {
    assertThatThrownBy(() -> Webhooks.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("secret(");
  }

  @Test
  void builder_settingTwice_isRefusedNamingTheSetting() {
    assertThatThrownBy(() -> Webhooks.builder().maxPayloadBytes(1).maxPayloadBytes(2))
        .hasMessageContaining("maxPayloadBytes was already set");
    assertThatThrownBy(() -> Webhooks.builder().workers(1, 1).executor(Runnable::run))
        .hasMessageContaining("either workers or executor");
    assertThatThrownBy(() -> Webhooks.builder().secret("s").secret("s"))
        .hasMessageContaining("already added");
  }

  /** Produces zeros up to {@code length} without holding them, counting what was read. */
  private static final class CountingStream extends InputStream {
    private final long length;
    long read;

    CountingStream(long length) {
      this.length = length;
    }

    @Override
    public int read() {
      if (read >= length) {
        return -1;
      }
      read++;
      return 0;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (read >= length) {
        return -1;
      }
      int n = (int) Math.min(len, length - read);
      java.util.Arrays.fill(b, off, off + n, (byte) 0);
      read += n;
      return n;
    }
  }
}
