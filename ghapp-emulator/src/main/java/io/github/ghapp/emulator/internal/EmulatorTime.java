package io.github.ghapp.emulator.internal;

import io.github.ghapp.emulator.EmulatorClock;
import java.time.Instant;
import java.util.Objects;

/**
 * The emulator's now: its clock plus the injected clock offset ({@code faults().clockOffset}).
 * Every decision by time (JWT checks, token expiry, rate-limit windows, the {@code Date} header,
 * webhook timestamps) reads this, so that the offset shifts all of them at once.
 */
public final class EmulatorTime {

  private final EmulatorClock clock;
  private final FaultState faults;

  EmulatorTime(EmulatorClock clock, FaultState faults) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.faults = Objects.requireNonNull(faults, "faults");
  }

  public Instant now() {
    return clock.instant().plus(faults.clockOffset());
  }

  /** The clock alone, without the offset: what a test moves, and what the client is given. */
  public EmulatorClock clock() {
    return clock;
  }
}
