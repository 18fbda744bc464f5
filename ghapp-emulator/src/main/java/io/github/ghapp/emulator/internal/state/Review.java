package io.github.ghapp.emulator.internal.state;

import java.time.Instant;
import java.util.Objects;

/**
 * A review of a pull request. Immutable.
 *
 * @param state {@code APPROVED}, {@code CHANGES_REQUESTED}, {@code COMMENTED} or {@code PENDING}
 * @param submittedAt null while pending
 */
public record Review(
    long id,
    long repositoryId,
    int pullNumber,
    BotUser user,
    String body,
    String state,
    String commitId,
    Instant submittedAt) {

  public Review {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(commitId, "commitId");
  }
}
