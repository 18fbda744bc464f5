package io.github.ghapp.auth.internal.token;

import io.github.ghapp.auth.InstallationToken;
import io.github.ghapp.auth.TokenKey;
import io.github.ghapp.auth.TokenStore;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * An {@link InMemoryTokenStore} that counts its use, tells whether a thread is inside {@link
 * #mintLocked}, and can pause the next {@link #get} after it has read the token (the moment a
 * refresh has seen the store but not yet acted on it).
 */
final class RecordingTokenStore implements TokenStore {
  private final TokenStore delegate = new InMemoryTokenStore(100);
  private final AtomicInteger mintLockedCalls = new AtomicInteger();
  private final AtomicInteger insideMintLocked = new AtomicInteger();
  private volatile CountDownLatch pauseAfterNextGet;
  private final CountDownLatch paused = new CountDownLatch(1);

  int mintLockedCalls() {
    return mintLockedCalls.get();
  }

  boolean insideMintLocked() {
    return insideMintLocked.get() > 0;
  }

  /**
   * Pauses the next {@link #get} after it has read the token, until the returned latch is counted
   * down.
   */
  CountDownLatch pauseAfterNextGet() {
    CountDownLatch resume = new CountDownLatch(1);
    pauseAfterNextGet = resume;
    return resume;
  }

  /** Counted down when a paused {@link #get} has read the token. */
  CountDownLatch paused() {
    return paused;
  }

  @Override
  public InstallationToken get(TokenKey key) {
    InstallationToken token = delegate.get(key);
    CountDownLatch resume = pauseAfterNextGet;
    if (resume != null) {
      pauseAfterNextGet = null;
      paused.countDown();
      try {
        resume.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return token;
  }

  @Override
  public void put(TokenKey key, InstallationToken token) {
    delegate.put(key, token);
  }

  @Override
  public void remove(TokenKey key) {
    delegate.remove(key);
  }

  @Override
  public InstallationToken mintLocked(TokenKey key, Supplier<InstallationToken> mint) {
    mintLockedCalls.incrementAndGet();
    return delegate.mintLocked(
        key,
        () -> {
          insideMintLocked.incrementAndGet();
          try {
            return mint.get();
          } finally {
            insideMintLocked.decrementAndGet();
          }
        });
  }
}
