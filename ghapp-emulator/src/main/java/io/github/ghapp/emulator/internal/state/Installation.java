package io.github.ghapp.emulator.internal.state;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An app installed on an account. With {@link RepositorySelection#ALL} it reaches every repository
 * of the account, also ones created later; with {@code SELECTED} only {@link #repositoryIds()}.
 * Immutable: suspending replaces the record.
 *
 * @param suspendedAt null unless suspended
 */
public record Installation(
    long id,
    long appId,
    Account account,
    RepositorySelection repositorySelection,
    Set<Long> repositoryIds,
    Permissions permissions,
    List<String> events,
    Instant createdAt,
    Instant updatedAt,
    Instant suspendedAt) {

  public Installation {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(repositorySelection, "repositorySelection");
    Objects.requireNonNull(permissions, "permissions");
    repositoryIds = Set.copyOf(repositoryIds);
    events = List.copyOf(events);
  }

  public boolean isSuspended() {
    return suspendedAt != null;
  }

  Installation suspended(Instant at) {
    return withSuspension(at, at);
  }

  Installation unsuspended(Instant at) {
    return withSuspension(at, null);
  }

  private Installation withSuspension(Instant updatedAt, Instant suspendedAt) {
    return new Installation(
        id,
        appId,
        account,
        repositorySelection,
        repositoryIds,
        permissions,
        events,
        createdAt,
        updatedAt,
        suspendedAt);
  }
}
