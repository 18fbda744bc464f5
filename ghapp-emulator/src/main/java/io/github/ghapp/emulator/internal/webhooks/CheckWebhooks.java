package io.github.ghapp.emulator.internal.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.emulator.internal.Urls;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.rest.CheckRepresentations;
import io.github.ghapp.emulator.internal.rest.IssueRepresentations;
import io.github.ghapp.emulator.internal.rest.PullRequestRepresentations;
import io.github.ghapp.emulator.internal.rest.Representations;
import io.github.ghapp.emulator.internal.state.App;
import io.github.ghapp.emulator.internal.state.BotUser;
import io.github.ghapp.emulator.internal.state.CheckListener;
import io.github.ghapp.emulator.internal.state.CheckRun;
import io.github.ghapp.emulator.internal.state.CheckSuite;
import io.github.ghapp.emulator.internal.state.Checks;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import io.github.ghapp.emulator.internal.state.Installation;
import io.github.ghapp.emulator.internal.state.PermissionLevel;
import io.github.ghapp.emulator.internal.state.PullRequests;
import io.github.ghapp.emulator.internal.state.Repository;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code check_run} and {@code check_suite} webhooks, sent through the {@link
 * WebhookDispatcher}. Who hears of what, as GitHub documents it: {@code created} and {@code
 * completed} runs and {@code completed} suites go to every app installed on the repository with
 * {@code checks} permission that subscribes to the event, whichever app made the run (apps with
 * {@code checks: write} are subscribed automatically); {@code requested} and {@code rerequested} go
 * only to the suite's own app. The sender is the bot of the app that made the run or owns the suite
 * (unconfirmed for a completed suite, where GitHub may name whoever triggered it).
 */
public final class CheckWebhooks implements CheckListener {

  private final WebhookDispatcher dispatcher;
  private final EmulatorState state;
  private final WebhookPayloads payloads;
  private final CheckRepresentations checks;
  private final IssueRepresentations users;

  public CheckWebhooks(
      WebhookDispatcher dispatcher,
      EmulatorState state,
      Urls urls,
      Checks checkState,
      PullRequests pulls) {
    this.dispatcher = dispatcher;
    this.state = state;
    this.payloads = new WebhookPayloads(state, urls);
    Representations json = new Representations(state, urls);
    this.users = new IssueRepresentations(state, urls, json);
    this.checks =
        new CheckRepresentations(
            state,
            urls,
            json,
            checkState,
            pulls,
            new PullRequestRepresentations(urls, json, users));
  }

  @Override
  public void checkRunCreated(CheckRun run, CheckSuite suite, Repository repository) {
    runEvent("created", run, suite, repository);
  }

  @Override
  public void checkRunCompleted(CheckRun run, CheckSuite suite, Repository repository) {
    runEvent("completed", run, suite, repository);
  }

  @Override
  public void checkSuiteCompleted(CheckSuite suite, Repository repository) {
    for (Installation receiver : subscribers(repository, "check_suite")) {
      dispatcher.send(
          receiver,
          "check_suite",
          "completed",
          suitePayload("completed", suite, repository, bot(suite.appId()), receiver));
    }
  }

  @Override
  public void checkSuiteRequested(CheckSuite suite, Repository repository, BotUser sender) {
    toSuiteApp("requested", suite, repository, sender);
  }

  @Override
  public void checkSuiteRerequested(CheckSuite suite, Repository repository, BotUser sender) {
    toSuiteApp("rerequested", suite, repository, sender);
  }

  private void runEvent(String action, CheckRun run, CheckSuite suite, Repository repository) {
    for (Installation receiver : subscribers(repository, "check_run")) {
      ObjectNode payload = Json.object();
      payload.put("action", action);
      payload.set("check_run", checks.webhookCheckRun(run, suite, repository));
      dispatcher.send(
          receiver,
          "check_run",
          action,
          payloads.repositoryEvent(payload, repository, bot(run.appId()), receiver));
    }
  }

  private void toSuiteApp(String action, CheckSuite suite, Repository repository, BotUser sender) {
    if (!dispatcher.isStarted()) {
      return;
    }
    Optional<Installation> receiver =
        state
            .installationOn(suite.appId(), repository.owner().login())
            .filter(i -> !i.isSuspended() && state.reaches(i, repository))
            .filter(i -> i.permissions().allows("checks", PermissionLevel.WRITE));
    receiver.ifPresent(
        i ->
            dispatcher.send(
                i,
                "check_suite",
                action,
                suitePayload(action, suite, repository, users.botUser(sender), i)));
  }

  private ObjectNode suitePayload(
      String action,
      CheckSuite suite,
      Repository repository,
      ObjectNode sender,
      Installation receiver) {
    ObjectNode payload = Json.object();
    payload.put("action", action);
    payload.set("check_suite", checks.webhookCheckSuite(suite, repository));
    return payloads.repositoryEvent(payload, repository, sender, receiver);
  }

  private List<Installation> subscribers(Repository repository, String event) {
    List<Installation> receivers = new ArrayList<>();
    if (!dispatcher.isStarted()) {
      return receivers;
    }
    for (App app : state.apps()) {
      state
          .installationOn(app.id(), repository.owner().login())
          .filter(i -> !i.isSuspended() && state.reaches(i, repository))
          .filter(i -> i.permissions().allows("checks", PermissionLevel.READ))
          .filter(
              i ->
                  i.events().contains(event)
                      || i.permissions().allows("checks", PermissionLevel.WRITE))
          .ifPresent(receivers::add);
    }
    return receivers;
  }

  private ObjectNode bot(long appId) {
    return state.app(appId).map(app -> users.botUser(BotUser.of(app))).orElseGet(Json::object);
  }
}
