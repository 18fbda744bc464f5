package io.github.ghapp.emulator.internal.state;

import java.time.Instant;
import java.util.Objects;

/**
 * A commit status: one {@code context}'s {@code state} for a commit, as an app reported it. Never
 * changed: a new status for the same context supersedes it in the combined status.
 *
 * @param state {@code error}, {@code failure}, {@code pending} or {@code success}
 * @param targetUrl null when not given
 * @param description null when not given
 */
public record CommitStatus(
    long id,
    long repositoryId,
    String sha,
    String state,
    String targetUrl,
    String description,
    String context,
    BotUser creator,
    Instant createdAt) {

  public CommitStatus {
    Objects.requireNonNull(sha, "sha");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(creator, "creator");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
