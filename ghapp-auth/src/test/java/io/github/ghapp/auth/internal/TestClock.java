package io.github.ghapp.auth.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that stands still until a test moves it. */
final class TestClock extends Clock {
  static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

  private final AtomicLong millis = new AtomicLong(START.toEpochMilli());

  void advance(Duration by) {
    millis.addAndGet(by.toMillis());
  }

  /** Sets the clock to {@code elapsed} after {@link #START}. */
  void setToStartPlus(Duration elapsed) {
    millis.set(START.plus(elapsed).toEpochMilli());
  }

  @Override
  public long millis() {
    return millis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("tests use UTC");
  }
}
