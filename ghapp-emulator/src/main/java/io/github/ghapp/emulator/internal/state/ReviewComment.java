package io.github.ghapp.emulator.internal.state;

import java.time.Instant;
import java.util.Objects;

/**
 * A comment on a line (or a file) of a pull request's diff, part of the review {@code reviewId}.
 * Immutable.
 *
 * @param line the line in the file on {@code side} ({@code RIGHT}: the head, {@code LEFT}: the
 *     base); null for a comment on the whole file
 * @param startLine the first line of a multi-line comment, else null
 * @param diffHunk the diff from its hunk's header down to the line commented on
 * @param position the line's index in the file's diff (GitHub's {@code position}), null for a file
 * @param inReplyTo the comment this one answers, else null
 */
public record ReviewComment(
    long id,
    long repositoryId,
    int pullNumber,
    long reviewId,
    BotUser user,
    String body,
    String path,
    Integer line,
    String side,
    Integer startLine,
    String commitId,
    String diffHunk,
    Integer position,
    Long inReplyTo,
    Instant createdAt) {

  public ReviewComment {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(commitId, "commitId");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
