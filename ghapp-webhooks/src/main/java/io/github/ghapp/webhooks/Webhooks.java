package io.github.ghapp.webhooks;

import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.Installation;
import io.github.ghapp.auth.Repository;
import io.github.ghapp.webhooks.WebhookListener.Refusal;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GitHub webhook receiver that is safe to put on the internet: it verifies each delivery's
 * signature before reading it, answers GitHub at once, and runs the handlers registered for the
 * event in the background.
 *
 * <p>{@link #handle(Map, byte[])} takes the request's headers and raw body from any HTTP framework
 * and returns the status to answer; {@link WebhookServer} and {@code servlet.WebhookServlet} do
 * that for you. A delivery is routed to the handlers of {@code name.action}, then of {@code name},
 * then of any event. GitHub gives a receiver 10 seconds, so handlers never run on the request
 * thread: they run on a bounded pool, and when its queue is full the delivery is answered 503
 * rather than dropped. A handler's failure goes to the {@linkplain #onError error handlers} with
 * the delivery id, and the delivery's other handlers run anyway. A delivery id already accepted
 * within the deduplication window is acknowledged and not handled again.
 *
 * <pre>{@code
 * Webhooks hooks = Webhooks.builder()
 *     .secret(System.getenv("WEBHOOK_SECRET"))
 *     .build();
 * hooks.on("issues.opened", event -> log.info("opened: {}", event.payload().path("issue").path("title").asText()));
 * hooks.onError((event, error) -> log.error("delivery {} failed", event.deliveryId(), error));
 * WebhookServer server = WebhookServer.start(hooks, 3000, "/api/github/webhooks");
 * }</pre>
 *
 * <p>Built {@linkplain #builder(GitHubApp) with a GitHubApp}, it is the app's side of webhooks as
 * Octokit's {@code App} is: each event's {@link WebhookEvent#client()} is authenticated as the
 * event's installation, and {@link #eachInstallation} / {@link #eachRepository} walk a directory of
 * the app's installations that the {@code installation} and {@code installation_repositories}
 * events keep current.
 *
 * <pre>{@code
 * Webhooks hooks = Webhooks.builder(app).secret(System.getenv("WEBHOOK_SECRET")).build();
 * hooks.on("issues.opened", event -> {
 *   Repository repo = event.repository().orElseThrow();
 *   event.client().request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
 *       Map.of("owner", repo.owner(), "repo", repo.name(),
 *              "issue_number", event.payload().path("issue").path("number").asInt(), "body", "Thanks!"));
 * });
 * hooks.eachRepository((installation, repo) -> log.info("{} reaches {}", installation.id(), repo.fullName()));
 * }</pre>
 *
 * <p>Close it to stop accepting deliveries and let queued ones finish (see {@link #close()}).
 */
public final class Webhooks implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Webhooks.class);

  /** GitHub caps webhook payloads at 25 MB; this receiver accepts up to 25 MiB by default. */
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 25 * 1024 * 1024;

  static final String SIGNATURE = "X-Hub-Signature-256";
  static final String EVENT = "X-GitHub-Event";
  static final String DELIVERY = "X-GitHub-Delivery";
  static final String CONTENT_TYPE = "Content-Type";
  static final String CONTENT_LENGTH = "Content-Length";

  private static final int MAX_HEADER_VALUE = 256;

  private final WebhookSignature signature;
  private final int maxPayloadBytes;
  private final Payloads payloads;
  private final Router router = new Router();
  private final Dispatcher dispatcher;
  private final GitHubApp app;
  private final InstallationDirectory directory;
  private final WebhookListener listener;

  Webhooks(WebhooksBuilder b) {
    this.app = b.app;
    this.directory = b.app == null ? null : new InstallationDirectory(b.app);
    this.signature = WebhookSignature.of(b.secrets);
    this.maxPayloadBytes = b.maxPayloadBytes;
    this.payloads = new Payloads(b.maxPayloadBytes);
    this.listener = GuardedListener.guard(b.listener);
    this.dispatcher =
        new Dispatcher(b, router, directory == null ? event -> {} : directory::apply, listener);
    listener.queueDepthSource(dispatcher::queueDepth);
  }

  /**
   * Starts configuring a receiver that only verifies and routes; events have no {@link
   * WebhookEvent#client()}. At least one {@link WebhooksBuilder#secret secret} is required.
   */
  public static WebhooksBuilder builder() {
    return new WebhooksBuilder(null);
  }

  /**
   * Starts configuring the receiver of {@code app}'s webhooks: events get a client authenticated as
   * their installation, and the installation directory is available.
   */
  public static WebhooksBuilder builder(GitHubApp app) {
    return new WebhooksBuilder(Objects.requireNonNull(app, "app"));
  }

  /**
   * Runs {@code handler} for every event named {@code event}: either a name ({@code "issues"},
   * every action) or a name and action ({@code "issues.opened"}).
   *
   * @return this, to register more
   * @throws IllegalArgumentException when {@code event} is not a lower-case event name, optionally
   *     with an action
   */
  public Webhooks on(String event, WebhookHandler handler) {
    router.add(event, async(handler));
    return this;
  }

  /**
   * Like {@link #on} for a handler that returns a future; its failure is reported when it
   * completes, and a future still incomplete after the builder's {@link
   * WebhooksBuilder#asyncTimeout asyncTimeout} (10 minutes by default) is reported as a {@link
   * java.util.concurrent.TimeoutException}.
   */
  public Webhooks onAsync(String event, AsyncWebhookHandler handler) {
    router.add(event, Objects.requireNonNull(handler, "handler"));
    return this;
  }

  /** Runs {@code handler} for every event, after the handlers registered for its name. */
  public Webhooks onAny(WebhookHandler handler) {
    router.addAny(async(handler));
    return this;
  }

  /** Like {@link #onAny} for a handler that returns a future. */
  public Webhooks onAnyAsync(AsyncWebhookHandler handler) {
    router.addAny(Objects.requireNonNull(handler, "handler"));
    return this;
  }

  /**
   * Hears of every handler failure with the event (and so its delivery id). Without any, failures
   * are logged at ERROR.
   */
  public Webhooks onError(WebhookErrorHandler handler) {
    dispatcher.addErrorHandler(Objects.requireNonNull(handler, "handler"));
    return this;
  }

  /**
   * Verifies, parses and dispatches one delivery whose body is already in memory, and says what to
   * answer. Never throws on bad input: every problem with the request becomes a 4xx result.
   *
   * @param headers the request's headers; names are matched ignoring case
   * @param body the raw body, exactly as received
   */
  public WebhookResult handle(Map<String, String> headers, byte[] body) {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    listener.received();
    if (body.length > maxPayloadBytes) {
      return refused(
          headers, new Rejected(Refusal.TOO_LARGE, WebhookResult.tooLarge(maxPayloadBytes)));
    }
    return accept(headers, body);
  }

  /** The largest body accepted; {@link WebhookServer} reads no further than one byte past it. */
  int maxPayloadBytes() {
    return maxPayloadBytes;
  }

  /**
   * Like {@link #handle(Map, byte[])}, reading the body from {@code body}: a {@code Content-Length}
   * over the limit is refused before reading anything, and a body without one is read no further
   * than the limit. The stream is not closed.
   */
  public WebhookResult handle(Map<String, String> headers, InputStream body) {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    listener.received();
    byte[] bytes;
    try {
      bytes =
          BodyReader.read(body, contentLength(header(headers, CONTENT_LENGTH)), maxPayloadBytes);
    } catch (Rejected r) {
      return refused(headers, r);
    } catch (IOException e) {
      return refused(
          headers,
          new Rejected(
              Refusal.MALFORMED_BODY,
              WebhookResult.badRequest(
                  "the body could not be read ("
                      + e.getMessage()
                      + "); the delivery was cut short, redeliver it")));
    }
    return accept(headers, bytes);
  }

  /**
   * The app's installations, suspended ones included. The first call lists them from the API
   * ({@code GET /app/installations}); after that the {@code installation} events received keep the
   * list current without asking again (created, deleted, suspend, unsuspend,
   * new_permissions_accepted).
   *
   * @throws IllegalStateException when built without a {@link GitHubApp}
   * @throws io.github.ghapp.auth.GitHubException when the first listing fails (it is tried again
   *     next call)
   */
  public List<Installation> installations() {
    return directory().installations();
  }

  /** Runs {@code action} for each of the app's {@linkplain #installations() installations}. */
  public void eachInstallation(Consumer<Installation> action) {
    Objects.requireNonNull(action, "action");
    installations().forEach(action);
  }

  /**
   * Runs {@code action} for each repository of each active (not suspended) installation. An
   * installation's repositories are taken from its {@code installation} and {@code
   * installation_repositories} events when they gave the whole list, otherwise asked once of the
   * API as the installation ({@code GET /installation/repositories}) and kept current by later
   * events. An exception from {@code action} stops the walk and reaches the caller.
   *
   * <pre>{@code
   * hooks.eachRepository((installation, repo) ->
   *     app.installationClient(installation.id()).request("GET /repos/{owner}/{repo}/readme",
   *         Map.of("owner", repo.owner(), "repo", repo.name())));
   * }</pre>
   */
  public void eachRepository(BiConsumer<Installation, Repository> action) {
    Objects.requireNonNull(action, "action");
    InstallationDirectory dir = directory();
    for (Installation installation : dir.installations()) {
      if (!installation.isSuspended()) {
        for (Repository repository : dir.repositories(installation)) {
          action.accept(installation, repository);
        }
      }
    }
  }

  /**
   * Stops accepting deliveries (they get 503), waits up to the builder's shutdown timeout for
   * queued ones to be handled, and reports each one still unstarted then to the error handlers.
   * Futures of async handlers still incomplete are no longer timed. An executor passed to the
   * builder is left running: its owner shuts it down. Idempotent.
   */
  @Override
  public void close() {
    dispatcher.close();
  }

  private WebhookResult accept(Map<String, String> headers, byte[] body) {
    try {
      return verifyAndSubmit(headers, body);
    } catch (Rejected r) {
      return refused(headers, r);
    }
  }

  private WebhookResult verifyAndSubmit(Map<String, String> headers, byte[] body) throws Rejected {
    String sig = header(headers, SIGNATURE);
    if (sig == null) {
      throw new Rejected(
          Refusal.BAD_SIGNATURE,
          WebhookResult.unauthorized(
              "no "
                  + SIGNATURE
                  + " header: give the GitHub App a webhook"
                  + " secret, the same one this receiver is configured with"));
    }
    if (!signature.verify(body, sig)) {
      throw new Rejected(
          Refusal.BAD_SIGNATURE,
          WebhookResult.unauthorized(
              SIGNATURE
                  + " does not match the body: the App's webhook secret"
                  + " differs from this receiver's, or the body was changed on the way"));
    }
    String event = header(headers, EVENT);
    String delivery = header(headers, DELIVERY);
    if (event == null || event.isBlank() || event.length() > MAX_HEADER_VALUE) {
      throw new Rejected(
          Refusal.MISSING_HEADER,
          WebhookResult.badRequest(
              "a webhook delivery needs an " + EVENT + " header naming the event"));
    }
    if (delivery == null || delivery.isBlank() || delivery.length() > MAX_HEADER_VALUE) {
      throw new Rejected(
          Refusal.MISSING_HEADER,
          WebhookResult.badRequest(
              "a webhook delivery needs an " + DELIVERY + " header with its id"));
    }
    return dispatcher.submit(
        new WebhookEvent(
            event, delivery, payloads.parse(header(headers, CONTENT_TYPE), body), app));
  }

  /**
   * Tells the listener, and logs a refusal other than 503 (logged where it is decided) at DEBUG:
   * anyone can cause one, so it must not flood the log at a louder level.
   */
  private WebhookResult refused(Map<String, String> headers, Rejected rejected) {
    WebhookResult result = rejected.result();
    listener.refused(rejected.reason(), result);
    if (result.status() != 503 && log.isDebugEnabled()) {
      String delivery = header(headers, DELIVERY);
      String printable = delivery == null ? "(none)" : WebhookResult.shown(delivery);
      log.debug("refused delivery {} with {}: {}", printable, result.status(), result.message());
    }
    return result;
  }

  private InstallationDirectory directory() {
    if (directory == null) {
      throw new IllegalStateException(
          "this receiver has no GitHubApp, so it keeps no installation"
              + " directory: build it with Webhooks.builder(app)");
    }
    return directory;
  }

  /** A header's value, matching its name regardless of case, as HTTP requires. */
  static String header(Map<String, String> headers, String name) {
    String value = headers.get(name);
    if (value != null) {
      return value;
    }
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (name.equalsIgnoreCase(e.getKey())) {
        return e.getValue();
      }
    }
    return null;
  }

  private static long contentLength(String value) throws Rejected {
    if (value == null) {
      return -1;
    }
    try {
      long length = Long.parseLong(value.trim());
      if (length >= 0) {
        return length;
      }
    } catch (NumberFormatException ignored) {
      // answered below
    }
    throw new Rejected(
        Refusal.MALFORMED_BODY,
        WebhookResult.badRequest(
            "Content-Length '" + WebhookResult.shown(value) + "' is not a byte count"));
  }

  private static AsyncWebhookHandler async(WebhookHandler handler) {
    Objects.requireNonNull(handler, "handler");
    CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
    return event -> {
      handler.handle(event);
      return done;
    };
  }
}
