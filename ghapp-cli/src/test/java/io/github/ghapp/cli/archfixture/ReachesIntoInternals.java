package io.github.ghapp.cli.archfixture;

/**
 * A class outside every ghapp module's internals that uses each of them: what {@code
 * io.github.ghapp.cli.ModuleBoundariesTest} must report. Left out of the real check.
 */
public final class ReachesIntoInternals {
  public static String names() {
    return io.github.ghapp.auth.internal.archfixture.InternalStandIn.name()
        + io.github.ghapp.emulator.internal.archfixture.InternalStandIn.name()
        + io.github.ghapp.webhooks.internal.archfixture.InternalStandIn.name();
  }
}
