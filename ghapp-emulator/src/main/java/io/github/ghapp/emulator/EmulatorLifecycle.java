package io.github.ghapp.emulator;

import io.github.ghapp.emulator.internal.EmulatorSettings;
import io.github.ghapp.emulator.internal.RunningEmulator;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one run a {@link GitHubEmulator} has: started at most once (a failed start counts, as it
 * leaves nothing to start again), stopped idempotently, and asked for by every method that needs
 * the running parts, which then fails with a message saying whether it was not started or stopped.
 * One lock orders all of it, so a stop racing a start either stops what started or refuses it.
 */
final class EmulatorLifecycle {

  private static final Logger log = LoggerFactory.getLogger(GitHubEmulator.class);

  private final EmulatorSettings settings;
  private final Clock clock;
  private final Object lock = new Object();
  private RunningEmulator running;
  private Faults faults;
  private boolean stopped;

  EmulatorLifecycle(EmulatorSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** Starts the run unless it is running; see {@link GitHubEmulator#start()}. */
  void start() {
    synchronized (lock) {
      if (stopped) {
        throw new IllegalStateException(
            "this emulator was stopped; build a new one to start again");
      }
      if (running != null) {
        return;
      }
      try {
        running =
            RunningEmulator.start(
                settings, clock instanceof EmulatorClock given ? given : new EmulatorClock(clock));
      } catch (RuntimeException e) {
        stopped = true;
        throw e;
      }
      faults = new Faults(running.faults());
      log.info(
          "ghapp-emulator serving {} (data in {})", running.urls().api(), running.dataDirectory());
    }
  }

  void stop() {
    synchronized (lock) {
      if (stopped) {
        return;
      }
      stopped = true;
      if (running != null) {
        running.stop();
      }
    }
  }

  RunningEmulator running() {
    synchronized (lock) {
      if (stopped) {
        throw new IllegalStateException("the emulator is stopped");
      }
      if (running == null) {
        throw new IllegalStateException("call start() first");
      }
      return running;
    }
  }

  /** The run's fault hooks, one object for the whole run. */
  Faults faults() {
    synchronized (lock) {
      running();
      return faults;
    }
  }
}
