package io.github.ghapp.emulator.internal.state;

import java.time.Instant;
import java.util.Objects;

/**
 * An issue of a repository. Immutable: a new comment replaces the record in {@link Issues} with a
 * higher {@link #comments()} count.
 *
 * @param number the repository's own sequence, from 1, as in {@code /repos/o/r/issues/1}
 * @param author the bot user that opened it (only apps write in the emulator)
 * @param closedAt null while open
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
    Instant closedAt) {

  public Issue {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  Issue withComment(Instant at) {
    return new Issue(
        id,
        repositoryId,
        number,
        title,
        body,
        state,
        author,
        comments + 1,
        createdAt,
        at,
        closedAt);
  }
}
