package io.github.ghapp.emulator.internal.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.emulator.internal.Urls;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.rest.IssueRepresentations;
import io.github.ghapp.emulator.internal.rest.PullRequestRepresentations;
import io.github.ghapp.emulator.internal.rest.Representations;
import io.github.ghapp.emulator.internal.rest.ReviewRepresentations;
import io.github.ghapp.emulator.internal.state.BotUser;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import io.github.ghapp.emulator.internal.state.Installation;
import io.github.ghapp.emulator.internal.state.Issue;
import io.github.ghapp.emulator.internal.state.IssueEvent;
import io.github.ghapp.emulator.internal.state.PullRequest;
import io.github.ghapp.emulator.internal.state.Repository;
import io.github.ghapp.emulator.internal.state.Review;
import io.github.ghapp.emulator.internal.state.ReviewComment;

/**
 * The webhooks of an issue's or a pull request's changes: {@code issues} edited, closed, reopened,
 * labeled and unlabeled; for a pull request's number {@code pull_request} with the same actions
 * plus opened and synchronize, as GitHub sends (a label added to a pull request through the issues
 * API is {@code pull_request} labeled). Kept beside {@link WebhookDispatcher}, which hands it each
 * {@link IssueEvent} and sends what it builds.
 */
final class IssueEventWebhooks {

  private final WebhookDispatcher dispatcher;
  private final WebhookPayloads payloads;
  private final IssueRepresentations issues;
  private final PullRequestRepresentations pulls;
  private final ReviewRepresentations reviews;

  IssueEventWebhooks(
      WebhookDispatcher dispatcher, WebhookPayloads payloads, EmulatorState state, Urls urls) {
    this.dispatcher = dispatcher;
    this.payloads = payloads;
    Representations json = new Representations(state, urls);
    this.issues = new IssueRepresentations(state, urls, json);
    this.pulls = new PullRequestRepresentations(urls, json, issues);
    this.reviews = new ReviewRepresentations(urls, issues);
  }

  /** {@code pull_request_review} submitted, with the pull request in its simple form. */
  void reviewSubmitted(Review review, PullRequest pull, Issue issue, Repository repository) {
    ObjectNode body = Json.object();
    body.put("action", "submitted");
    body.set("review", reviews.review(review, repository, true));
    body.set("pull_request", pulls.simple(pull, issue, repository));
    send("pull_request_review", "submitted", body, repository, review.user());
  }

  void reviewCommentCreated(
      ReviewComment comment, PullRequest pull, Issue issue, Repository repository) {
    ObjectNode body = Json.object();
    body.put("action", "created");
    body.set("comment", reviews.comment(comment, repository));
    body.set("pull_request", pulls.simple(pull, issue, repository));
    send("pull_request_review_comment", "created", body, repository, comment.user());
  }

  private void send(
      String event, String action, ObjectNode body, Repository repository, BotUser sender) {
    for (Installation receiver : dispatcher.subscribers(repository, event)) {
      dispatcher.send(
          receiver,
          event,
          action,
          payloads.repositoryEvent(body.deepCopy(), repository, issues.botUser(sender), receiver));
    }
  }

  void deliver(IssueEvent event) {
    boolean pull = event.pullRequest() != null;
    String name = pull ? "pull_request" : "issues";
    ObjectNode body = null;
    for (Installation receiver : dispatcher.subscribers(event.repository(), name)) {
      if (body == null) {
        body = pull ? pullPayload(event) : issuePayload(event);
      }
      BotUser sender = event.sender() != null ? event.sender() : event.issue().author();
      dispatcher.send(
          receiver,
          name,
          event.action(),
          payloads.repositoryEvent(
              body.deepCopy(), event.repository(), issues.botUser(sender), receiver));
    }
  }

  private ObjectNode issuePayload(IssueEvent event) {
    ObjectNode payload = Json.object();
    payload.put("action", event.action());
    payload.set("issue", issues.issue(event.issue(), event.repository()));
    common(payload, event);
    return payload;
  }

  private ObjectNode pullPayload(IssueEvent event) {
    ObjectNode payload = Json.object();
    payload.put("action", event.action());
    payload.put("number", event.issue().number());
    payload.set("pull_request", pulls.full(event.pullRequest(), event.issue(), event.repository()));
    if (event.action().equals("synchronize")) {
      payload.put("before", event.before());
      payload.put("after", event.pullRequest().headSha());
    }
    common(payload, event);
    return payload;
  }

  /** {@code changes} of an edit ({@code base.ref} nests), {@code label} of a (un)labeling. */
  private void common(ObjectNode payload, IssueEvent event) {
    if (event.action().equals("edited")) {
      ObjectNode changes = payload.putObject("changes");
      event
          .changes()
          .forEach(
              (field, from) -> {
                ObjectNode at = changes;
                for (String part : field.split("\\.")) {
                  at = at.has(part) ? (ObjectNode) at.get(part) : at.putObject(part);
                }
                at.put("from", from);
              });
    }
    if (event.label() != null) {
      payload.set("label", issues.label(event.label(), event.repository()));
    }
  }
}
