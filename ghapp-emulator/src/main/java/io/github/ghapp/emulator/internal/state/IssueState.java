package io.github.ghapp.emulator.internal.state;

import java.util.Locale;

/**
 * Open or closed, spelled {@code open}/{@code closed} in REST and {@code OPEN}/{@code CLOSED} in
 * GraphQL.
 */
public enum IssueState {
  OPEN,
  CLOSED;

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
