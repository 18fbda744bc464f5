package io.github.ghapp.emulator.internal;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code GitHubEmulator.Builder} was told, checked already, for {@link RunningEmulator#start}.
 *
 * @param dataDirectory where Git repositories and generated keys go; null for a temporary directory
 *     deleted on stop
 * @param webhooksToAnyHost whether webhooks may go to hosts other than loopback ones
 */
public record EmulatorSettings(
    StateSource state,
    int port,
    boolean ghes,
    boolean longTokens,
    Path dataDirectory,
    boolean webhooksToAnyHost) {

  public EmulatorSettings {
    Objects.requireNonNull(state, "state");
  }
}
