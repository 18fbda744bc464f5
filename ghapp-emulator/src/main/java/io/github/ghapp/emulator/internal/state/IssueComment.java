package io.github.ghapp.emulator.internal.state;

import java.time.Instant;
import java.util.Objects;

/** A comment on an issue, written by an app's bot user. Immutable. */
public record IssueComment(
    long id, long repositoryId, int issueNumber, String body, BotUser author, Instant createdAt) {

  public IssueComment {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
