package io.github.ghapp.emulator.internal.state;

/**
 * Told about new issues and comments, and every later change of an issue or pull request, after
 * they are stored, outside any lock, on the thread that made them. Webhook delivery listens here,
 * so that an issue opened over REST or by any later surface causes the same {@code issues} event.
 */
public interface IssueListener {

  default void issueOpened(Issue issue, Repository repository) {}

  default void commentCreated(IssueComment comment, Issue issue, Repository repository) {}

  /** An issue or pull request was changed, or a pull request opened. */
  default void issueChanged(IssueEvent event) {}

  /** A review was submitted (not a pending one). */
  default void reviewSubmitted(
      Review review, PullRequest pull, Issue issue, Repository repository) {}

  default void reviewCommentCreated(
      ReviewComment comment, PullRequest pull, Issue issue, Repository repository) {}
}
