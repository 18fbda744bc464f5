package io.github.ghapp.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * GitHub's rate limit is spent ({@code 403} or {@code 429} with {@code x-ratelimit-remaining: 0},
 * or a secondary limit with {@code retry-after}), and waiting for it would not fit in the request
 * deadline. Retry after {@link #resetAt()}.
 */
public class RateLimitedException extends GitHubException {
  private final Instant resetAt;
  private final Duration retryAfter;

  public RateLimitedException(
      String message, ErrorDetails details, Instant resetAt, Duration retryAfter) {
    super(message, details, true);
    this.resetAt = resetAt;
    this.retryAfter = retryAfter;
  }

  /** When the limit resets, from {@code x-ratelimit-reset}; null when GitHub did not say. */
  public Instant resetAt() {
    return resetAt;
  }

  /** GitHub's {@code retry-after} (secondary limits); null when it did not send one. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
