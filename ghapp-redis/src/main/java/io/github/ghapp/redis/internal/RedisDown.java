package io.github.ghapp.redis.internal;

/**
 * Redis did not answer a command in time, refused it, or is being skipped during an outage. The
 * store catches it and goes on without Redis; it never reaches a caller. Carries no stack trace (it
 * is expected, and frequent during an outage) and no message beyond what {@link Redacted} allows.
 */
public final class RedisDown extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RedisDown(String message) {
    super(message, null, false, false);
  }
}
