package io.github.ghapp.emulator.internal.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.emulator.WebhookDelivery;
import io.github.ghapp.emulator.internal.Urls;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.http.Loopback;
import io.github.ghapp.emulator.internal.state.App;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import io.github.ghapp.emulator.internal.state.Installation;
import io.github.ghapp.emulator.internal.state.Issue;
import io.github.ghapp.emulator.internal.state.IssueComment;
import io.github.ghapp.emulator.internal.state.IssueEvent;
import io.github.ghapp.emulator.internal.state.IssueListener;
import io.github.ghapp.emulator.internal.state.PullRequest;
import io.github.ghapp.emulator.internal.state.RefUpdate;
import io.github.ghapp.emulator.internal.state.RefUpdateListener;
import io.github.ghapp.emulator.internal.state.Repository;
import io.github.ghapp.emulator.internal.state.Review;
import io.github.ghapp.emulator.internal.state.ReviewComment;
import io.github.ghapp.emulator.internal.state.StateListener;
import io.github.ghapp.emulator.internal.state.Webhook;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers webhooks as GitHub does: an event in the state (an installation created, suspended or
 * unsuspended; an issue opened or commented on) becomes a signed POST to the webhook URL of each
 * app that should hear of it, sent from a small executor so that the request that caused it is not
 * held up, with GitHub's 10 s timeout and no automatic retry. Every attempt, answered or not, goes
 * into the delivery log; {@link #redeliver} sends one again with the same {@code
 * X-GitHub-Delivery}.
 *
 * <p>Who hears of what: {@code installation} events go to the installed app whatever it subscribed
 * to; repository events go to every app installed on the repository's owner whose installation
 * reaches the repository, is not suspended and subscribes to the event. Events that happen before
 * {@link #start()} (loading the state file) are not delivered: the state describes installations
 * that already exist.
 */
public final class WebhookDispatcher implements StateListener, IssueListener, RefUpdateListener {

  private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

  /** GitHub gives a receiver 10 s to answer. */
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static final int LOG_CAPACITY = 1_000;

  /**
   * GitHub's hook ids are its own numbers; the emulator derives one per app so that it is stable.
   */
  private static final long HOOK_ID_BASE = 400_000_000L;

  private final EmulatorState state;

  /**
   * False by default: a webhook URL set by a state file, the admin API or {@code PATCH
   * /app/hook/config} must not make the emulator reach other hosts (a blind SSRF).
   */
  private final boolean toAnyHost;

  private final Supplier<Instant> now;
  private final WebhookPayloads payloads;
  private final PushPayloads pushes;
  private final IssueEventWebhooks issueEvents;
  private final String userAgent =
      String.format("GitHub-Hookshot/%07x", ThreadLocalRandom.current().nextInt(1 << 28));

  /**
   * Built on the first delivery: a JDK HttpClient starts a thread, and most emulators never send a
   * webhook.
   */
  private HttpClient http;

  private final ExecutorService executor = Executors.newFixedThreadPool(2, daemonThreads());
  private final AtomicLong nextDeliveryId = new AtomicLong(1);
  private final Deque<Attempt> deliveryLog = new ArrayDeque<>();
  private volatile boolean started;

  /**
   * Hears of nothing until it is added as a listener to the state and the issues, which the caller
   * does once this is built.
   */
  public WebhookDispatcher(
      EmulatorState state, Urls urls, Supplier<Instant> now, boolean toAnyHost) {
    this.toAnyHost = toAnyHost;
    this.state = state;
    this.now = now;
    this.payloads = new WebhookPayloads(state, urls);
    this.pushes = new PushPayloads(state, urls, payloads);
    this.issueEvents = new IssueEventWebhooks(this, payloads, state, urls);
  }

  /** From now on, state changes are delivered. */
  public void start() {
    started = true;
  }

  /** Whether state changes are delivered yet ({@link #start()}). */
  boolean isStarted() {
    return started;
  }

  /** Stops delivering; attempts in flight are abandoned and not logged. */
  public void stop() {
    started = false;
    executor.shutdownNow();
  }

  /** The delivery log, oldest attempt first. */
  public List<WebhookDelivery> deliveries() {
    synchronized (deliveryLog) {
      return deliveryLog.stream().map(Attempt::record).toList();
    }
  }

  /**
   * Sends a logged delivery again, byte for byte with the same headers (so the same {@code
   * X-GitHub-Delivery} and signature); the new attempt is logged with {@code redelivery} true.
   *
   * @throws IllegalArgumentException when no logged attempt has this id
   */
  public void redeliver(long deliveryId) {
    Attempt original;
    synchronized (deliveryLog) {
      original =
          deliveryLog.stream()
              .filter(a -> a.record.id() == deliveryId)
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "no webhook delivery with id "
                              + deliveryId
                              + " in the delivery log; list them with emu.deliveries() or GET /_emulator/deliveries"));
    }
    submit(original.request.asRedelivery());
  }

  @Override
  public void installationCreated(Installation installation) {
    installationEvent("created", installation);
  }

  @Override
  public void installationSuspended(Installation installation) {
    installationEvent("suspend", installation);
  }

  @Override
  public void installationUnsuspended(Installation installation) {
    installationEvent("unsuspend", installation);
  }

  @Override
  public void issueOpened(Issue issue, Repository repository) {
    for (Installation receiver : subscribers(repository, "issues")) {
      send(receiver, "issues", "opened", payloads.issueOpened(issue, repository, receiver));
    }
  }

  @Override
  public void commentCreated(IssueComment comment, Issue issue, Repository repository) {
    for (Installation receiver : subscribers(repository, "issue_comment")) {
      send(
          receiver,
          "issue_comment",
          "created",
          payloads.commentCreated(comment, issue, repository, receiver));
    }
  }

  /** {@code push}, for a ref moved by {@code git push} or the REST API; it has no action. */
  @Override
  public void refUpdated(RefUpdate update) {
    List<Installation> receivers = subscribers(update.repository(), "push");
    if (receivers.isEmpty()) {
      return;
    }
    ObjectNode described = pushes.describe(update);
    for (Installation receiver : receivers) {
      send(receiver, "push", null, pushes.forReceiver(described, update, receiver));
    }
  }

  @Override
  public void issueChanged(IssueEvent event) {
    issueEvents.deliver(event);
  }

  @Override
  public void reviewSubmitted(Review review, PullRequest pull, Issue issue, Repository repository) {
    issueEvents.reviewSubmitted(review, pull, issue, repository);
  }

  @Override
  public void reviewCommentCreated(
      ReviewComment comment, PullRequest pull, Issue issue, Repository repository) {
    issueEvents.reviewCommentCreated(comment, pull, issue, repository);
  }

  private void installationEvent(String action, Installation installation) {
    if (started) {
      send(installation, "installation", action, payloads.installationEvent(action, installation));
    }
  }

  List<Installation> subscribers(Repository repository, String event) {
    List<Installation> receivers = new ArrayList<>();
    if (!started) {
      return receivers;
    }
    for (App app : state.apps()) {
      state
          .installationOn(app.id(), repository.owner().login())
          .filter(
              i -> !i.isSuspended() && i.events().contains(event) && state.reaches(i, repository))
          .ifPresent(receivers::add);
    }
    return receivers;
  }

  /** Signs and queues one delivery to the installation's app; other event sources call it too. */
  void send(Installation installation, String event, String action, ObjectNode payload) {
    Optional<App> app = state.app(installation.appId());
    Webhook hook = app.map(App::webhook).orElse(null);
    if (hook == null || hook.url().isBlank()) {
      return;
    }
    byte[] body;
    try {
      body = Json.MAPPER.writeValueAsBytes(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the " + event + " payload", e);
    }
    submit(
        new Request(
            event,
            action,
            installation.id(),
            hook.url(),
            headers(app.get(), hook, event, body),
            body,
            false));
  }

  /** GitHub's headers, in the order its documentation shows them. */
  private Map<String, String> headers(App app, Webhook hook, String event, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "*/*");
    headers.put("X-GitHub-Delivery", UUID.randomUUID().toString());
    if (hook.secret() != null && !hook.secret().isEmpty()) {
      headers.put("X-Hub-Signature", WebhookSignature.sha1(hook.secret(), body));
      headers.put("X-Hub-Signature-256", WebhookSignature.sha256(hook.secret(), body));
    }
    headers.put("User-Agent", userAgent);
    headers.put("Content-Type", "application/json");
    headers.put("X-GitHub-Event", event);
    headers.put("X-GitHub-Hook-ID", Long.toString(HOOK_ID_BASE + app.id()));
    headers.put("X-GitHub-Hook-Installation-Target-ID", Long.toString(app.id()));
    headers.put("X-GitHub-Hook-Installation-Target-Type", "integration");
    return headers;
  }

  private void submit(Request request) {
    try {
      executor.execute(() -> attempt(request));
    } catch (RejectedExecutionException e) {
      log.debug("emulator stopped; {} webhook to {} not delivered", request.event, request.url);
    }
  }

  private void attempt(Request request) {
    Instant at = now.get();
    long begin = System.nanoTime();
    Integer status = null;
    String error = null;
    try {
      URI target = URI.create(request.url);
      if (!toAnyHost && !Loopback.isLoopbackHost(target.getHost())) {
        throw new IllegalArgumentException(
            target.getHost()
                + " is not a loopback host; the emulator delivers only to 127.0.0.1, localhost"
                + " or [::1] unless built with webhooksToAnyHost(true)");
      }
      HttpRequest.Builder post =
          HttpRequest.newBuilder(target)
              .timeout(TIMEOUT)
              .POST(HttpRequest.BodyPublishers.ofByteArray(request.body));
      request.headers.forEach(post::header);
      status = http().send(post.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (HttpTimeoutException e) {
      error = "timed out: no answer within " + TIMEOUT.toSeconds() + " s";
    } catch (ConnectException e) {
      // Nothing listening (the demo app's 127.0.0.1:9000 while no receiver runs): as on GitHub, the
      // attempt fails at once, goes into the log, and is not retried.
      error =
          "cannot connect to " + URI.create(request.url).getAuthority() + ": " + connectFailure(e);
    } catch (IOException e) {
      error = e.toString();
    } catch (IllegalArgumentException e) {
      error = "invalid webhook URL: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - begin);
    WebhookDelivery record =
        new WebhookDelivery(
            nextDeliveryId.getAndIncrement(),
            request.headers.get("X-GitHub-Delivery"),
            request.event,
            request.action,
            request.installationId,
            request.url,
            status,
            error,
            took,
            request.redelivery,
            at,
            request.headers,
            new String(request.body, StandardCharsets.UTF_8));
    log.debug("{}", record);
    synchronized (deliveryLog) {
      if (deliveryLog.size() == LOG_CAPACITY) {
        deliveryLog.removeFirst();
      }
      deliveryLog.addLast(new Attempt(record, request));
    }
  }

  /**
   * The socket's reason, e.g. "Connection refused"; JDK 17's HttpClient throws a ConnectException
   * without one when the connection is refused, which is then what it means.
   */
  private static String connectFailure(ConnectException failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null) {
        return cause.getMessage();
      }
    }
    return "connection refused";
  }

  private synchronized HttpClient http() {
    if (http == null) {
      http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(TIMEOUT)
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
    }
    return http;
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "ghapp-emulator-webhooks-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** What is sent: kept with the log entry so that a redelivery sends exactly the same bytes. */
  private record Request(
      String event,
      String action,
      Long installationId,
      String url,
      Map<String, String> headers,
      byte[] body,
      boolean redelivery) {
    Request asRedelivery() {
      return new Request(event, action, installationId, url, headers, body, true);
    }
  }

  private record Attempt(WebhookDelivery record, Request request) {}
}
