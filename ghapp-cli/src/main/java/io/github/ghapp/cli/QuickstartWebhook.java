package io.github.ghapp.cli;

import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.Repository;
import io.github.ghapp.webhooks.WebhookServer;
import io.github.ghapp.webhooks.Webhooks;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The quickstart's App side of the webhook step: a {@link WebhookServer} on a free port whose
 * {@code issues.opened} handler comments back on the issue with {@code event.client()}, the client
 * already authenticated as the event's installation, as an App of the user's would.
 */
final class QuickstartWebhook implements AutoCloseable {
  static final String THANKS = "Thanks for opening this! (the quickstart's webhook handler)";

  /** GitHub gives a receiver 10 s to answer; the handler runs after that answer. */
  private static final long WAIT_SECONDS = 15;

  private final String secret = newWebhookSecret();
  private final CompletableFuture<Long> commented = new CompletableFuture<>();
  private final Webhooks hooks;
  private final WebhookServer receiver;

  QuickstartWebhook(GitHubApp app) {
    hooks = Webhooks.builder(app).secret(secret).build();
    hooks.on(
        "issues.opened",
        event -> {
          Repository repository = event.repository().orElseThrow();
          long issue = event.payload().path("issue").path("number").asLong();
          event
              .client()
              .request(
                  "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
                  Map.of(
                      "owner",
                      repository.owner(),
                      "repo",
                      repository.name(),
                      "issue_number",
                      issue,
                      "body",
                      THANKS));
          commented.complete(issue);
        });
    hooks.onError((event, error) -> commented.completeExceptionally(error));
    receiver = WebhookServer.builder(hooks).host("127.0.0.1").port(0).path("/webhooks").start();
  }

  /** Where the receiver listens, for the app's webhook configuration. */
  URI uri() {
    return receiver.uri();
  }

  /** The secret deliveries must be signed with, for the app's webhook configuration. */
  String secret() {
    return secret;
  }

  /** The number of the issue the handler commented on, once it has. */
  long awaitComment() throws InterruptedException {
    return awaitHandler(commented, "issues.opened");
  }

  /**
   * What a quickstart step's webhook handler reported, waiting at most {@value #WAIT_SECONDS} s for
   * the delivery of {@code event} to reach it; its failure becomes the step's.
   */
  static <T> T awaitHandler(CompletableFuture<T> reported, String event)
      throws InterruptedException {
    try {
      return reported.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "no "
              + event
              + " webhook reached the handler within "
              + WAIT_SECONDS
              + " s (see GET /_emulator/deliveries)");
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "the handler failed: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /** The receiver first, then the handlers' pool it feeds. */
  @Override
  public void close() {
    receiver.close();
    hooks.close();
  }

  /** 128 random bits; nextBytes of a default SecureRandom never blocks waiting for entropy. */
  private static String newWebhookSecret() {
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
