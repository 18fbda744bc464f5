package io.github.ghapp.auth.internal.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.ghapp.auth.InstallationToken;
import io.github.ghapp.auth.TokenKey;
import io.github.ghapp.auth.TokenStore;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The default {@link TokenStore}: tokens of this process, in a bounded Caffeine cache.
 *
 * <p>{@link #mintLocked} takes a lock of the key's own, so a slow mint for one key never holds up
 * another. The locks live in a weak-valued map: a key's lock exists while some thread holds it or
 * waits for it (both keep a strong reference), and is collected after, so the map does not grow
 * with every key ever seen. A {@code ConcurrentHashMap.compute} would also serialize per key, but
 * it holds a hash bin lock (shared with unrelated keys) for the whole network call.
 */
public final class InMemoryTokenStore implements TokenStore {
  private final Cache<TokenKey, InstallationToken> tokens;
  private final LoadingCache<TokenKey, ReentrantLock> locks =
      Caffeine.newBuilder().weakValues().build(key -> new ReentrantLock());

  /**
   * @param maximumSize how many tokens to keep; the least recently used go first beyond it
   */
  public InMemoryTokenStore(long maximumSize) {
    this(maximumSize, Ticker.systemTicker());
  }

  InMemoryTokenStore(long maximumSize, Ticker ticker) {
    if (maximumSize <= 0) {
      throw new IllegalArgumentException(
          "maximumSize must be positive, got "
              + maximumSize
              + "; it bounds how many installation tokens are kept in memory");
    }
    this.tokens =
        Caffeine.newBuilder()
            .maximumSize(maximumSize)
            // A token stored an hour ago was minted at least that long ago, so it is dead: let it
            // go. The ticker is local time, not GitHub's, which is fine for this upper bound.
            .expireAfterWrite(RefreshPolicy.TOKEN_LIFETIME)
            .ticker(ticker)
            // Evict on the writing thread rather than on the common pool: the work is tiny and it
            // keeps the bound exact at every moment.
            .executor(Runnable::run)
            .build();
  }

  @Override
  public InstallationToken get(TokenKey key) {
    return tokens.getIfPresent(Objects.requireNonNull(key, "key"));
  }

  @Override
  public void put(TokenKey key, InstallationToken token) {
    tokens.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(token, "token"));
  }

  @Override
  public void remove(TokenKey key) {
    tokens.invalidate(Objects.requireNonNull(key, "key"));
  }

  @Override
  public InstallationToken mintLocked(TokenKey key, Supplier<InstallationToken> mint) {
    Objects.requireNonNull(mint, "mint");
    ReentrantLock lock = locks.get(Objects.requireNonNull(key, "key"));
    try {
      lock.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while waiting to mint an installation token for"
              + " installation "
              + key.installationId(),
          e);
    }
    try {
      return mint.get();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "InMemoryTokenStore{tokens=" + tokens.estimatedSize() + "}";
  }
}
