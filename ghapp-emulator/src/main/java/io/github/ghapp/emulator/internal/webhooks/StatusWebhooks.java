package io.github.ghapp.emulator.internal.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.emulator.internal.Urls;
import io.github.ghapp.emulator.internal.git.CommitLookup;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.rest.IssueRepresentations;
import io.github.ghapp.emulator.internal.rest.Representations;
import io.github.ghapp.emulator.internal.rest.StatusRepresentations;
import io.github.ghapp.emulator.internal.state.App;
import io.github.ghapp.emulator.internal.state.CommitStatus;
import io.github.ghapp.emulator.internal.state.CommitStatuses;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import io.github.ghapp.emulator.internal.state.Installation;
import io.github.ghapp.emulator.internal.state.PermissionLevel;
import io.github.ghapp.emulator.internal.state.Repository;

/**
 * The {@code status} webhook: every app installed on the repository with {@code statuses}
 * permission that subscribes to {@code status} hears of each new commit status, whoever made it.
 * The payload is flat, as GitHub's: the status's fields, {@code name} (the repository's full name),
 * the {@code commit}, the {@code branches} whose tip it is, and the common repository fields; the
 * sender is the bot of the app that made the status.
 */
public final class StatusWebhooks implements CommitStatuses.StatusListener {

  private final WebhookDispatcher dispatcher;
  private final EmulatorState state;
  private final WebhookPayloads payloads;
  private final StatusRepresentations json;
  private final IssueRepresentations users;

  public StatusWebhooks(WebhookDispatcher dispatcher, EmulatorState state, Urls urls) {
    this.dispatcher = dispatcher;
    this.state = state;
    this.payloads = new WebhookPayloads(state, urls);
    Representations representations = new Representations(state, urls);
    this.users = new IssueRepresentations(state, urls, representations);
    this.json = new StatusRepresentations(urls, representations, users);
  }

  @Override
  public void statusCreated(CommitStatus status, Repository repository) {
    if (!dispatcher.isStarted()) {
      return;
    }
    for (App app : state.apps()) {
      state
          .installationOn(app.id(), repository.owner().login())
          .filter(i -> !i.isSuspended() && state.reaches(i, repository))
          .filter(i -> i.permissions().allows("statuses", PermissionLevel.READ))
          .filter(i -> i.events().contains("status"))
          .ifPresent(i -> dispatcher.send(i, "status", null, payload(status, repository, i)));
    }
  }

  private ObjectNode payload(CommitStatus status, Repository repository, Installation receiver) {
    ObjectNode payload = Json.object();
    payload.put("id", status.id());
    payload.put("sha", status.sha());
    payload.put("name", repository.fullName());
    payload.put("target_url", status.targetUrl());
    payload.put("context", status.context());
    payload.put("description", status.description());
    payload.put("state", status.state());
    CommitLookup.commit(repository, status.sha())
        .ifPresent(commit -> payload.set("commit", json.webhookCommit(commit, repository)));
    payload.set(
        "branches",
        json.webhookBranches(
            CommitLookup.branchesAt(repository, status.sha()), status.sha(), repository));
    payload.put("created_at", Json.time(status.createdAt()));
    payload.put("updated_at", Json.time(status.createdAt()));
    return payloads.repositoryEvent(payload, repository, users.botUser(status.creator()), receiver);
  }
}
