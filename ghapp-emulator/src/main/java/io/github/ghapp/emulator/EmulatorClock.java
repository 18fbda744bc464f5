package io.github.ghapp.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The emulator's clock, which a test can move: {@code emu.clock().advance(Duration.ofMinutes(61))}
 * expires every token minted before, without waiting an hour.
 *
 * <p>It is a base clock (the system clock unless the builder was given another) shifted by an
 * adjustment that {@link #advance} and {@link #set} change; so it keeps ticking after being moved,
 * unless the base clock is a fixed one. Hand the same clock to the client under test so that both
 * sides agree on the time; to make them disagree, use {@link Faults#clockOffset}, which shifts only
 * the emulator's view.
 */
public final class EmulatorClock extends Clock {

  private final Clock base;
  private final AtomicReference<Duration> adjustment;

  EmulatorClock(Clock base) {
    this(base, new AtomicReference<>(Duration.ZERO));
  }

  /**
   * A clock that stands still at {@code start} until {@link #advance} or {@link #set} moves it: the
   * settable clock for tests of code that decides by time (token expiry, backoff, skew), on either
   * side of the emulator. Give the same one to the emulator's builder and to the client under test.
   *
   * <pre>{@code
   * EmulatorClock clock = EmulatorClock.stoppedAt(Instant.parse("2025-01-01T00:00:00Z"));
   * GitHubEmulator emu = GitHubEmulator.builder().demoState().clock(clock).build().start();
   * clock.advance(Duration.ofMinutes(61));   // every token minted before has expired
   * }</pre>
   */
  public static EmulatorClock stoppedAt(Instant start) {
    return new EmulatorClock(Clock.fixed(Objects.requireNonNull(start, "start"), ZoneOffset.UTC));
  }

  private EmulatorClock(Clock base, AtomicReference<Duration> adjustment) {
    this.base = Objects.requireNonNull(base, "base");
    this.adjustment = adjustment;
  }

  /** Moves the clock forward (or back, for a negative duration). */
  public EmulatorClock advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    adjustment.accumulateAndGet(duration, Duration::plus);
    return this;
  }

  /** Makes the clock read {@code instant} now; it ticks on from there with its base clock. */
  public EmulatorClock set(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    adjustment.set(Duration.between(base.instant(), instant));
    return this;
  }

  @Override
  public Instant instant() {
    return base.instant().plus(adjustment.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** A view in another zone that moves with this clock (same instant, different zone). */
  @Override
  public Clock withZone(ZoneId zone) {
    EmulatorClock self = this;
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return zone;
      }

      @Override
      public Clock withZone(ZoneId other) {
        return self.withZone(other);
      }

      @Override
      public Instant instant() {
        return self.instant();
      }
    };
  }

  @Override
  public String toString() {
    return "EmulatorClock[" + instant() + "]";
  }
}
