package io.github.ghapp.auth.internal.token;

import io.github.ghapp.auth.InstallationToken;
import io.github.ghapp.auth.TokenRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link TokenMinter} a test drives: it mints {@code ghs_test_1}, {@code ghs_test_2}, ...
 * expiring one lifetime after the clock's now, can be held mid-mint until released, and can be told
 * to fail.
 */
final class ScriptedMinter implements TokenMinter {
  private final Clock clock;
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();
  private final Queue<RuntimeException> failures = new ConcurrentLinkedQueue<>();
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private volatile Duration lifetime = Duration.ofHours(1);

  ScriptedMinter(Clock clock) {
    this.clock = clock;
  }

  static InstallationToken token(String value, Instant expiresAt) {
    return new InstallationToken(
        value, expiresAt, Map.of("issues", "write"), "selected", List.of());
  }

  /** Makes mints wait, once started, until {@link #release()}. */
  void hold() {
    gate = new CountDownLatch(1);
  }

  void release() {
    gate.countDown();
  }

  /** Makes the next mint throw {@code failure} (after any hold). */
  void failNext(RuntimeException failure) {
    failures.add(failure);
  }

  void lifetime(Duration lifetime) {
    this.lifetime = lifetime;
  }

  /** How many mints have started. */
  int mints() {
    return started.get();
  }

  /** The most mints that ever ran at the same time. */
  int mostAtOnce() {
    return mostAtOnce.get();
  }

  @Override
  public InstallationToken mint(long installationId, TokenRequest request) {
    int n = started.incrementAndGet();
    mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
    try {
      gate.await();
      RuntimeException failure = failures.poll();
      if (failure != null) {
        throw failure;
      }
      return token("ghs_test_" + n, clock.instant().plus(lifetime));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted mid-mint", e);
    } finally {
      running.decrementAndGet();
    }
  }
}
