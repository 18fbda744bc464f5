package io.github.ghapp.spring.boot.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of any bean as a handler of GitHub webhook events, registered with the
 * application's {@code Webhooks} at start-up.
 *
 * <pre>{@code
 * @Component
 * class Greeter {
 *   @GitHubWebhook("issues.opened")
 *   void greet(WebhookEvent event, GitHubClient github) {       // github: as the event's installation
 *     Repository repo = event.repository().orElseThrow();
 *     github.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
 *         Map.of("owner", repo.owner(), "repo", repo.name(),
 *             "issue_number", event.payload().path("issue").path("number").asInt(), "body", "Thanks!"));
 *   }
 * }
 * }</pre>
 *
 * <p>The method's parameters, in any order, are any of {@code WebhookEvent}, {@code GitHubClient}
 * (a client authenticated as the event's installation, from the app's token cache) and {@code
 * JsonNode} (the payload). It returns {@code void}, and runs on one of the receiver's handler
 * threads after GitHub was answered; or it returns a {@code CompletionStage} (a {@code
 * CompletableFuture}), and the delivery counts as handled when that completes. What it throws, or
 * its future's failure, reaches the receiver's error handlers ({@code WebhookErrorHandler} beans)
 * with the delivery id. A method that does not fit this fails the application's start, naming it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface GitHubWebhook {
  /**
   * The events handled: a name ({@code "issues"}, every action) or a name and action ({@code
   * "issues.opened"}). None means every event.
   */
  String[] value() default {};
}
