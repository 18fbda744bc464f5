package io.github.ghapp.emulator.internal.state;

import java.util.Locale;
import java.util.Optional;

/** GitHub's permission levels, ordered: {@code read < write < admin}. */
public enum PermissionLevel {
  READ,
  WRITE,
  ADMIN;

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when a grant at this level allows an operation that needs {@code required}. */
  boolean covers(PermissionLevel required) {
    return compareTo(required) >= 0;
  }

  public static Optional<PermissionLevel> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    switch (value) {
      case "read":
        return Optional.of(READ);
      case "write":
        return Optional.of(WRITE);
      case "admin":
        return Optional.of(ADMIN);
      default:
        return Optional.empty();
    }
  }
}
