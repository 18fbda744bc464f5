package io.github.ghapp.emulator.internal.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.rest.IssueRepresentations;
import io.github.ghapp.emulator.internal.state.Installation;
import io.github.ghapp.emulator.internal.state.IssueEvent;

/**
 * The webhooks of an issue's changes: {@code issues} edited, closed, reopened, labeled and
 * unlabeled. Kept beside {@link WebhookDispatcher}, which hands it each {@link IssueEvent} and
 * sends what it builds.
 */
final class IssueEventWebhooks {

  private final WebhookDispatcher dispatcher;
  private final WebhookPayloads payloads;
  private final IssueRepresentations issues;

  IssueEventWebhooks(
      WebhookDispatcher dispatcher, WebhookPayloads payloads, IssueRepresentations issues) {
    this.dispatcher = dispatcher;
    this.payloads = payloads;
    this.issues = issues;
  }

  void deliver(IssueEvent event) {
    if (event.issue().isPullRequest()) {
      return;
    }
    for (Installation receiver : dispatcher.subscribers(event.repository(), "issues")) {
      dispatcher.send(receiver, "issues", event.action(), issuePayload(event, receiver));
    }
  }

  private ObjectNode issuePayload(IssueEvent event, Installation receiver) {
    ObjectNode payload = Json.object();
    payload.put("action", event.action());
    payload.set("issue", issues.issue(event.issue(), event.repository()));
    common(payload, event);
    return payloads.repositoryEvent(
        payload, event.repository(), issues.botUser(event.sender()), receiver);
  }

  /** {@code changes} of an edit, {@code label} of a (un)labeling. */
  private void common(ObjectNode payload, IssueEvent event) {
    if (event.action().equals("edited")) {
      ObjectNode changes = payload.putObject("changes");
      event.changes().forEach((field, from) -> changes.putObject(field).put("from", from));
    }
    if (event.label() != null) {
      payload.set("label", issues.label(event.label(), event.repository()));
    }
  }
}
