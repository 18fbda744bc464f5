package io.github.ghapp.auth.internal.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard one logical request tries: up to {@code maxAttempts} sends for connection failures and
 * 5xx, waiting {@code baseBackoff} doubled each time (with jitter, at most {@code maxBackoff}), and
 * everything, rate-limit waits included, within {@code deadline} of the first send.
 */
public record RetrySettings(
    int maxAttempts, Duration baseBackoff, Duration maxBackoff, Duration deadline) {
  public static final RetrySettings DEFAULT =
      new RetrySettings(4, Duration.ofMillis(250), Duration.ofSeconds(8), Duration.ofSeconds(60));

  public RetrySettings {
    Objects.requireNonNull(baseBackoff, "baseBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(deadline, "deadline");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(
          "maxAttempts must be at least 1 (1 means no retries), got " + maxAttempts);
    }
    if (baseBackoff.isNegative()) {
      throw new IllegalArgumentException("retryBackoff must not be negative, got " + baseBackoff);
    }
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("deadline must be positive, got " + deadline);
    }
  }

  /** Backoff before retry number {@code retry} (1-based): exponential, with half of it random. */
  Duration backoff(int retry, double random) {
    long base = baseBackoff.toNanos();
    long cap = Math.max(base, maxBackoff.toNanos());
    long exp = retry >= 62 ? cap : Math.min(cap, base << Math.min(retry - 1, 30));
    return Duration.ofNanos(exp / 2 + (long) (exp / 2 * random));
  }
}
