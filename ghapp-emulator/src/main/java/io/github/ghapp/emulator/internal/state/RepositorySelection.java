package io.github.ghapp.emulator.internal.state;

import java.util.Locale;

/**
 * Whether an installation (or a token) reaches all of the account's repositories or a chosen few.
 */
public enum RepositorySelection {
  ALL,
  SELECTED;

  /** The JSON value: {@code all} or {@code selected}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RepositorySelection parse(String value) {
    if ("all".equals(value)) {
      return ALL;
    }
    if ("selected".equals(value)) {
      return SELECTED;
    }
    throw new IllegalArgumentException(
        "unknown repository_selection '" + value + "': use \"all\" or \"selected\"");
  }
}
