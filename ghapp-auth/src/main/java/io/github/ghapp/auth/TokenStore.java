package io.github.ghapp.auth;

import java.util.function.Supplier;

/**
 * Where installation tokens are kept between uses, and how mints for one key are kept to one at a
 * time. The default keeps them in this process (bounded, in memory); another module can share them
 * across many processes, e.g. on Redis, so that a fleet mints once per key instead of once per
 * process.
 *
 * <p>A {@link TokenProvider} already lets only one of its own callers mint at a time; {@link
 * #mintLocked} extends that across every process sharing the store.
 *
 * <pre>{@code
 * GitHubApp app = GitHubApp.builder().appId(123).privateKey(key).tokenStore(myStore).build();
 * }</pre>
 */
public interface TokenStore {

  /**
   * The default store: tokens of this process only, in a bounded in-memory cache, with one lock per
   * key for {@link #mintLocked}. Useful to wrap (count, trace) or to share between several apps'
   * builders.
   *
   * @param maximumSize how many tokens to keep; the least recently used go first beyond it
   */
  static TokenStore inMemory(long maximumSize) {
    return new io.github.ghapp.auth.internal.token.InMemoryTokenStore(maximumSize);
  }

  /** The token stored for {@code key}, or null when there is none. May return an expired token. */
  InstallationToken get(TokenKey key);

  /** Stores {@code token} for {@code key}, replacing any earlier one. */
  void put(TokenKey key, InstallationToken token);

  /** Forgets the token stored for {@code key}, if any. */
  void remove(TokenKey key);

  /**
   * Runs {@code mint} while holding this store's lock for {@code key}, so that no other holder of
   * the same store mints for that key at the same time, and returns what it returned. {@code mint}
   * is expected to look at {@link #get} first (another process may have just stored a fresh token)
   * and to store what it mints with {@link #put}.
   */
  InstallationToken mintLocked(TokenKey key, Supplier<InstallationToken> mint);
}
