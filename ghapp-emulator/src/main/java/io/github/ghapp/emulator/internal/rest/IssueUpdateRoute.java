package io.github.ghapp.emulator.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ghapp.emulator.internal.http.Access;
import io.github.ghapp.emulator.internal.http.ApiException;
import io.github.ghapp.emulator.internal.http.ApiRequest;
import io.github.ghapp.emulator.internal.http.ApiResponse;
import io.github.ghapp.emulator.internal.http.Router;
import io.github.ghapp.emulator.internal.state.BotUser;
import io.github.ghapp.emulator.internal.state.Issue;
import io.github.ghapp.emulator.internal.state.IssueState;
import io.github.ghapp.emulator.internal.state.Label;
import io.github.ghapp.emulator.internal.state.PermissionLevel;
import io.github.ghapp.emulator.internal.state.Repository;
import java.util.List;
import java.util.Set;

/**
 * {@code PATCH /repos/{owner}/{repo}/issues/{issue_number}}: title, body, state, state_reason and
 * labels (which replace the issue's labels, created on first use). Assignees and milestones are
 * ignored, as elsewhere. It serves pull requests too (their title, body and state live on the
 * issue), and each change is told as its own webhook ({@code issues} or {@code pull_request}:
 * edited, labeled, unlabeled, closed, reopened).
 */
final class IssueUpdateRoute {

  private static final String DOCS = "https://docs.github.com/rest/issues/issues#update-an-issue";
  private static final Set<String> REASONS = Set.of("completed", "not_planned", "reopened");

  private final IssueLookup lookup;
  private final IssueRepresentations json;

  private IssueUpdateRoute(IssueLookup lookup, IssueRepresentations json) {
    this.lookup = lookup;
    this.json = json;
  }

  static void register(Router router, IssueLookup lookup, IssueRepresentations json) {
    IssueUpdateRoute route = new IssueUpdateRoute(lookup, json);
    router.rest(
        "PATCH",
        "/repos/{owner}/{repo}/issues/{issue_number}",
        Access.INSTALLATION,
        DOCS,
        route::update);
  }

  private ApiResponse update(ApiRequest request) {
    Repository repository = lookup.repository(request, PermissionLevel.WRITE);
    Issue issue = lookup.issue(request, repository, "issue_number");
    lookup.requireIssuePermission(request, repository, issue, PermissionLevel.WRITE);
    JsonNode body = request.jsonBody();
    if (!body.isObject()) {
      throw BodyFields.wrongType("", body, "an object");
    }
    String title = title(body);
    String text = IssueLookup.text(body, "body");
    IssueState state = state(body);
    String reason = reason(body);
    List<String> labelNames = body.has("labels") ? LabelRoutes.names(body.get("labels")) : null;
    List<Label> labels =
        labelNames == null ? null : lookup.issues.resolveLabels(repository.id(), labelNames);
    BotUser actor = lookup.actor(request);
    Issue updated =
        lookup.issues.update(
            repository,
            issue.number(),
            actor,
            current -> {
              Issue next = current;
              if (title != null || text != null) {
                next =
                    next.withText(
                        title != null ? title : next.title(),
                        text == null ? next.body() : text.isEmpty() ? null : text,
                        request.now());
              }
              if (labels != null) {
                next = next.withLabels(labels, request.now());
              }
              if (state != null && state != next.state()) {
                String why =
                    reason != null ? reason : state == IssueState.CLOSED ? "completed" : "reopened";
                next = next.withState(state, why, actor, request.now());
              } else if (reason != null && next.state() == IssueState.CLOSED) {
                next = next.withState(IssueState.CLOSED, reason, actor, request.now());
              }
              return next;
            });
    return ApiResponse.ok(json.issue(updated, repository));
  }

  /** A string or a number, as GitHub's schema allows; JSON null leaves it unchanged. */
  private static String title(JsonNode body) {
    JsonNode value = body.get("title");
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isTextual() || value.isIntegralNumber()) {
      return value.asText();
    }
    throw BodyFields.wrongType("title", value, "a string or integer");
  }

  /**
   * {@code open} or {@code closed}; the wording of the refusal follows the other schema checks
   * (unconfirmed for an enum).
   */
  private static IssueState state(JsonNode body) {
    JsonNode value = body.get("state");
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isTextual() && value.asText().equals("open")) {
      return IssueState.OPEN;
    }
    if (value.isTextual() && value.asText().equals("closed")) {
      return IssueState.CLOSED;
    }
    throw ApiException.of(
        422,
        "Invalid request.\n\nFor 'properties/state', "
            + value
            + " is not one of [\"open\", \"closed\"].");
  }

  private static String reason(JsonNode body) {
    JsonNode value = body.get("state_reason");
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isTextual() && REASONS.contains(value.asText())) {
      return value.asText();
    }
    throw ApiException.of(
        422,
        "Invalid request.\n\nFor 'properties/state_reason', "
            + value
            + " is not one of [\"completed\", \"not_planned\", \"reopened\", null].");
  }
}
