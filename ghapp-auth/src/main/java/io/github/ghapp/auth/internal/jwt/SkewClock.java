package io.github.ghapp.auth.internal.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * GitHub's time as this process best knows it: a base clock plus the offset learned from GitHub's
 * {@code Date} headers. JWT claims and token-expiry decisions are made on this clock, because
 * GitHub judges both on its own.
 */
final class SkewClock extends Clock {
  private final Clock base;

  /**
   * Millisecond precision is plenty against Date's one second, and keeps {@link #millis()} to one
   * add.
   */
  private volatile long offsetMillis;

  SkewClock(Clock base) {
    this.base = Objects.requireNonNull(base, "base");
  }

  /** How far GitHub's clock is ahead of the base clock (negative when behind). */
  Duration offset() {
    return Duration.ofMillis(offsetMillis);
  }

  /** Adopts a newly learned offset. */
  void offset(Duration offset) {
    this.offsetMillis = offset.toMillis();
  }

  /** The uncorrected clock. */
  Clock base() {
    return base;
  }

  @Override
  public Instant instant() {
    return base.instant().plusMillis(offsetMillis);
  }

  @Override
  public long millis() {
    return base.millis() + offsetMillis;
  }

  @Override
  public ZoneId getZone() {
    return base.getZone();
  }

  /** A view in another zone that keeps following this clock's offset. */
  @Override
  public Clock withZone(ZoneId zone) {
    SkewClock self = this;
    return zone.equals(getZone())
        ? this
        : new Clock() {
          @Override
          public Instant instant() {
            return self.instant();
          }

          @Override
          public ZoneId getZone() {
            return zone;
          }

          @Override
          public Clock withZone(ZoneId other) {
            return self.withZone(other);
          }
        };
  }

  @Override
  public String toString() {
    return "SkewClock{base=" + base + ", offset=" + offset() + "}";
  }
}
