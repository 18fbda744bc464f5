package io.github.ghapp.emulator.internal.state;

import java.time.Instant;
import java.util.Objects;

/** A user or an organization. Immutable; logins compare case-insensitively, as on GitHub. */
public record Account(long id, String login, AccountType type, Instant createdAt) {

  public Account {
    Objects.requireNonNull(login, "login");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  public boolean isOrganization() {
    return type == AccountType.ORGANIZATION;
  }
}
