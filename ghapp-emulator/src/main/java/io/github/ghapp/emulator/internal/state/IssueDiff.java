package io.github.ghapp.emulator.internal.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a change of an issue means to webhooks: one event per thing GitHub reports separately. The
 * order (edited, then labels, then the state) is unconfirmed: GitHub does not document the order of
 * the deliveries a single {@code PATCH} causes.
 */
final class IssueDiff {

  private IssueDiff() {}

  static List<IssueEvent> events(
      Issue before, Issue after, Repository repository, BotUser sender, PullRequest pull) {
    List<IssueEvent> events = new ArrayList<>();
    Map<String, String> changes = new LinkedHashMap<>();
    if (!before.title().equals(after.title())) {
      changes.put("title", before.title());
    }
    if (!Objects.equals(before.body(), after.body())) {
      // GitHub's schema has a string here; an issue opened without a body is unconfirmed
      changes.put("body", before.body() == null ? "" : before.body());
    }
    if (!changes.isEmpty()) {
      events.add(new IssueEvent("edited", after, repository, sender, null, changes, pull, null));
    }
    for (Label label : after.labels()) {
      if (!has(before.labels(), label)) {
        events.add(event("labeled", after, repository, sender, label, pull));
      }
    }
    for (Label label : before.labels()) {
      if (!has(after.labels(), label)) {
        events.add(event("unlabeled", after, repository, sender, label, pull));
      }
    }
    if (before.state() != after.state()) {
      String action = after.state() == IssueState.CLOSED ? "closed" : "reopened";
      events.add(event(action, after, repository, sender, null, pull));
    }
    return events;
  }

  private static IssueEvent event(
      String action,
      Issue issue,
      Repository repository,
      BotUser sender,
      Label label,
      PullRequest pull) {
    return new IssueEvent(action, issue, repository, sender, label, Map.of(), pull, null);
  }

  private static boolean has(List<Label> labels, Label label) {
    return labels.stream().anyMatch(l -> l.id() == label.id());
  }
}
