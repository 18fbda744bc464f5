package io.github.ghapp.emulator.internal.webhooks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.emulator.internal.Urls;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.rest.IssueRepresentations;
import io.github.ghapp.emulator.internal.rest.Representations;
import io.github.ghapp.emulator.internal.state.Account;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import io.github.ghapp.emulator.internal.state.Installation;
import io.github.ghapp.emulator.internal.state.Issue;
import io.github.ghapp.emulator.internal.state.IssueComment;
import io.github.ghapp.emulator.internal.state.Repository;

/**
 * Webhook payloads shaped like GitHub's (compare {@code @octokit/webhooks-examples}): {@code
 * action}, the objects the event is about, {@code repository}, {@code organization} for
 * repositories of an organization, {@code sender}, and {@code installation} — {@code {id, node_id}}
 * on repository events, the whole installation on {@code installation} events.
 */
final class WebhookPayloads {

  private final EmulatorState state;
  private final Urls urls;
  private final Representations json;
  private final IssueRepresentations issues;

  WebhookPayloads(EmulatorState state, Urls urls) {
    this.state = state;
    this.urls = urls;
    this.json = new Representations(state, urls);
    this.issues = new IssueRepresentations(state, urls, json);
  }

  /** {@code issues} / {@code opened}: sent by the bot user that opened it. */
  ObjectNode issueOpened(Issue issue, Repository repository, Installation receiver) {
    ObjectNode payload = Json.object();
    payload.put("action", "opened");
    payload.set("issue", issues.issue(issue, repository));
    return repositoryEvent(payload, repository, issues.botUser(issue.author()), receiver);
  }

  /** {@code issue_comment} / {@code created}. */
  ObjectNode commentCreated(
      IssueComment comment, Issue issue, Repository repository, Installation receiver) {
    ObjectNode payload = Json.object();
    payload.put("action", "created");
    payload.set("issue", issues.issue(issue, repository));
    payload.set("comment", issues.comment(comment, repository));
    return repositoryEvent(payload, repository, issues.botUser(comment.author()), receiver);
  }

  /**
   * {@code installation} / {@code created}, {@code suspend}, {@code unsuspend}: the whole
   * installation and, for created, the repositories it reaches. On GitHub the sender is the person
   * who installed it; the emulator has no people, so the account installed on stands in
   * (unconfirmed for organizations, where GitHub names a member).
   */
  ObjectNode installationEvent(String action, Installation installation) {
    ObjectNode payload = Json.object();
    payload.put("action", action);
    payload.set("installation", json.installation(installation));
    if (action.equals("created")) {
      ArrayNode repositories = payload.putArray("repositories");
      for (Repository repository : state.reachableRepositories(installation)) {
        repositories
            .addObject()
            .put("id", repository.id())
            .put("node_id", Representations.nodeId("Repository", repository.id()))
            .put("name", repository.name())
            .put("full_name", repository.fullName())
            .put("private", repository.isPrivate());
      }
      payload.putNull("requester");
    }
    payload.set("sender", json.account(installation.account()));
    return payload;
  }

  /** Adds what every repository event carries: repository, organization, sender, installation. */
  ObjectNode repositoryEvent(
      ObjectNode payload, Repository repository, ObjectNode sender, Installation receiver) {
    payload.set("repository", json.repository(repository));
    if (repository.owner().isOrganization()) {
      payload.set("organization", organization(repository.owner()));
    }
    payload.set("sender", sender);
    payload.set(
        "installation",
        Json.object()
            .put("id", receiver.id())
            .put("node_id", Representations.nodeId("IntegrationInstallation", receiver.id())));
    return payload;
  }

  /** GitHub's {@code organization-simple-webhooks}. */
  private ObjectNode organization(Account organization) {
    String api = urls.api("/orgs/" + organization.login());
    ObjectNode node = Json.object();
    node.put("login", organization.login());
    node.put("id", organization.id());
    node.put("node_id", Representations.nodeId("Organization", organization.id()));
    node.put("url", api);
    node.put("repos_url", api + "/repos");
    node.put("events_url", api + "/events");
    node.put("hooks_url", api + "/hooks");
    node.put("issues_url", api + "/issues");
    node.put("members_url", api + "/members{/member}");
    node.put("public_members_url", api + "/public_members{/member}");
    node.put("avatar_url", urls.web("/avatars/u/" + organization.id() + "?v=4"));
    node.putNull("description");
    return node;
  }
}
