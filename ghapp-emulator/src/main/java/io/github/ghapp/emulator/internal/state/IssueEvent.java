package io.github.ghapp.emulator.internal.state;

import java.util.Map;
import java.util.Objects;

/**
 * One change of an issue or pull request, as a webhook tells of it: {@code action} is GitHub's
 * ({@code edited}, {@code closed}, {@code reopened}, {@code labeled}, {@code unlabeled}, and for
 * pull requests also {@code opened}, {@code synchronize}).
 *
 * @param sender the bot user that made the change
 * @param label the label added or removed, else null
 * @param changes for {@code edited}, each changed field ({@code title}, {@code body}) with its
 *     previous value; else empty
 * @param pullRequest the pull request when {@code issue} is one, else null
 * @param before for {@code synchronize}, the previous head commit, else null
 */
public record IssueEvent(
    String action,
    Issue issue,
    Repository repository,
    BotUser sender,
    Label label,
    Map<String, String> changes,
    PullRequest pullRequest,
    String before) {

  public IssueEvent {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(issue, "issue");
    Objects.requireNonNull(repository, "repository");
    changes = Map.copyOf(changes);
  }
}
