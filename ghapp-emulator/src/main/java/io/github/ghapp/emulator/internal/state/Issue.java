package io.github.ghapp.emulator.internal.state;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An issue of a repository, or the issue side of a pull request (GitHub numbers both from one
 * sequence per repository). Immutable: a change replaces the record in {@link Issues}.
 *
 * @param number the repository's own sequence, from 1, as in {@code /repos/o/r/issues/1}
 * @param author the bot user that opened it (only apps write in the emulator)
 * @param closedAt null while open
 * @param stateReason {@code completed}, {@code not_planned}, {@code reopened} or null
 * @param labels in the order they were added
 * @param closedBy null while open
 * @param isPullRequest whether {@link PullRequests} holds a pull request of this number
 * @param mergedAt when the pull request was merged, else null
 */
public record Issue(
    long id,
    long repositoryId,
    int number,
    String title,
    String body,
    IssueState state,
    BotUser author,
    int comments,
    Instant createdAt,
    Instant updatedAt,
    Instant closedAt,
    String stateReason,
    List<Label> labels,
    BotUser closedBy,
    boolean isPullRequest,
    Instant mergedAt) {

  public Issue {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    labels = List.copyOf(labels);
  }

  /** A new open issue with no labels. */
  static Issue opened(
      long id,
      long repositoryId,
      int number,
      String title,
      String body,
      BotUser author,
      Instant at,
      boolean isPullRequest) {
    return new Issue(
        id,
        repositoryId,
        number,
        title,
        body,
        IssueState.OPEN,
        author,
        0,
        at,
        at,
        null,
        null,
        List.of(),
        null,
        isPullRequest,
        null);
  }

  Issue withComment(Instant at) {
    return with(title, body, state, comments + 1, at, closedAt, stateReason, labels, closedBy);
  }

  public Issue withText(String title, String body, Instant at) {
    return with(title, body, state, comments, at, closedAt, stateReason, labels, closedBy);
  }

  public Issue withLabels(List<Label> labels, Instant at) {
    return with(title, body, state, comments, at, closedAt, stateReason, labels, closedBy);
  }

  /** Closed ({@code by} and the time set) or reopened (both cleared). */
  public Issue withState(IssueState state, String reason, BotUser by, Instant at) {
    boolean closed = state == IssueState.CLOSED;
    return with(
        title,
        body,
        state,
        comments,
        at,
        closed ? (this.state == IssueState.CLOSED ? closedAt : at) : null,
        reason,
        labels,
        closed ? by : null);
  }

  public Issue merged(BotUser by, Instant at) {
    Issue closed = withState(IssueState.CLOSED, null, by, at);
    return new Issue(
        id,
        repositoryId,
        number,
        title,
        body,
        closed.state,
        author,
        comments,
        createdAt,
        at,
        closed.closedAt,
        null,
        labels,
        by,
        isPullRequest,
        at);
  }

  private Issue with(
      String title,
      String body,
      IssueState state,
      int comments,
      Instant updatedAt,
      Instant closedAt,
      String stateReason,
      List<Label> labels,
      BotUser closedBy) {
    return new Issue(
        id,
        repositoryId,
        number,
        title,
        body,
        state,
        author,
        comments,
        createdAt,
        updatedAt,
        closedAt,
        stateReason,
        labels,
        closedBy,
        isPullRequest,
        mergedAt);
  }
}
