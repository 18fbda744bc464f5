package io.github.ghapp.auth.internal.token;

import io.github.ghapp.auth.InstallationToken;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One refresh in flight for one key: its outcome, shared by every caller waiting for it, and what a
 * stored token must offer for the refresh to take it instead of minting.
 */
final class Flight {
  final CompletableFuture<TokenSnapshot> result = new CompletableFuture<>();

  /** When the refresh began ({@link System#nanoTime()}), for the listener's durations. */
  private final long startedNanos = System.nanoTime();

  /**
   * Validity a token from the store needs to be taken instead of minting; raised by late waiters.
   */
  private final AtomicLong requiredMillis;

  /** Whether the token came from the minter rather than the store. */
  volatile boolean minted;

  Flight(long requiredMillis) {
    this.requiredMillis = new AtomicLong(requiredMillis);
  }

  /** How long the refresh has taken so far. */
  Duration took() {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  void require(long millis) {
    requiredMillis.accumulateAndGet(millis, Math::max);
  }

  boolean accepts(InstallationToken stored, long nowMillis) {
    return stored != null && stored.expiresAt().toEpochMilli() - nowMillis > requiredMillis.get();
  }

  /**
   * Waits for the outcome: the refresh's token, or its own exception rethrown (the same instance,
   * so {@code GitHubException} subtypes survive).
   */
  TokenSnapshot await(long installationId) {
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while waiting for an installation token for installation " + installationId,
          e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException("refreshing the installation token failed", cause);
    }
  }
}
