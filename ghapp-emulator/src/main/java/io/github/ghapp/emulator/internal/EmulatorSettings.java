package io.github.ghapp.emulator.internal;

import io.github.ghapp.emulator.internal.routes.UserRoute;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@code GitHubEmulator.Builder} was told, checked already, for {@link RunningEmulator#start}.
 *
 * @param dataDirectory where Git repositories and generated keys go; null for a temporary directory
 *     deleted on stop
 * @param webhooksToAnyHost whether webhooks may go to hosts other than loopback ones
 * @param routes the routes a test added ({@code Builder.route})
 * @param tls whether to serve HTTPS with a per-run certificate
 */
public record EmulatorSettings(
    StateSource state,
    int port,
    boolean ghes,
    boolean longTokens,
    Path dataDirectory,
    boolean webhooksToAnyHost,
    List<UserRoute> routes,
    boolean tls) {

  public EmulatorSettings {
    Objects.requireNonNull(state, "state");
    routes = List.copyOf(routes);
  }
}
