package io.github.ghapp.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Runs an action when the process is asked to stop. On Ctrl-C (SIGINT) and SIGTERM it replaces the
 * JVM's default, which would end the process with 130 or 143 as if it had been killed: a foreground
 * command such as {@code ghapp emulator} cleans up and then returns normally, so a stop that was
 * asked for exits 0 and scripts and service managers see a clean stop. For the other ways a JVM
 * ends (SIGHUP when the terminal closes, {@code System.exit}) the action is also a shutdown hook.
 * It runs once, whichever comes first.
 *
 * <p>{@code sun.misc.Signal} lives in the JDK's {@code jdk.unsupported} module, which is kept,
 * exported, for exactly such uses (JEP 260); the JDK has no supported API to handle a signal and
 * carry on.
 */
final class StopSignals {
  private StopSignals() {}

  static void onStop(Runnable action) {
    AtomicBoolean started = new AtomicBoolean();
    Runnable once =
        () -> {
          if (started.compareAndSet(false, true)) {
            action.run();
          }
        };
    Runtime.getRuntime().addShutdownHook(new Thread(once, "ghapp-shutdown"));
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        Signal.handle(new Signal(name), signal -> once.run());
      } catch (IllegalArgumentException e) {
        // Not a signal of this platform, or the JVM keeps it for itself (-Xrs): the shutdown hook
        // cleans up.
      }
    }
  }
}
