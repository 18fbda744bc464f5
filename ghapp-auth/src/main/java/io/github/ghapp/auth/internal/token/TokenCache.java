package io.github.ghapp.auth.internal.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.ghapp.auth.GitHubAppListener;
import io.github.ghapp.auth.InstallationToken;
import io.github.ghapp.auth.TokenKey;
import io.github.ghapp.auth.TokenProvider;
import io.github.ghapp.auth.TokenStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One app's token cache: a {@link RefreshingTokenProvider} per {@link TokenKey}, made on first use
 * and kept while in use, and what all of them share (minter, store, margins, clock, executor,
 * listener). Providers idle for two hours are dropped; their tokens stay in the store for the next
 * one.
 *
 * <pre>{@code
 * TokenCache tokens = TokenCache.builder()
 *     .minter(minter).revoker(app::revoke).clock(jwts.clock())
 *     .store(store).policy(policy).refreshExecutor(executor).listener(listener)   // all optional
 *     .build();
 * String token = tokens.provider(key).token();
 * }</pre>
 */
public final class TokenCache {
  /** Providers, and tokens in the default store, kept at most. */
  static final long MAX_PROVIDERS = 10_000;

  private static final Duration PROVIDER_IDLE = Duration.ofHours(2);

  final TokenMinter minter;
  final Consumer<InstallationToken> revoker;
  final TokenStore store;
  final RefreshPolicy policy;
  final Clock clock;
  final Executor refreshExecutor;
  final GitHubAppListener listener;
  private final Cache<TokenKey, TokenProvider> providers =
      Caffeine.newBuilder().maximumSize(MAX_PROVIDERS).expireAfterAccess(PROVIDER_IDLE).build();

  private TokenCache(Builder b) {
    this.minter = Objects.requireNonNull(b.minter, "minter");
    this.revoker = Objects.requireNonNull(b.revoker, "revoker");
    this.clock = Objects.requireNonNull(b.clock, "clock");
    this.store = b.store != null ? b.store : new InMemoryTokenStore(MAX_PROVIDERS);
    this.policy = b.policy;
    this.refreshExecutor = b.refreshExecutor;
    this.listener = b.listener;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The provider for {@code key}: the same one for the same key while it is in use. */
  public TokenProvider provider(TokenKey key) {
    return providers.get(
        Objects.requireNonNull(key, "key"), k -> new RefreshingTokenProvider(k, this));
  }

  /** What a {@link TokenCache} is made of; minter, revoker and clock are required. */
  public static final class Builder {
    private TokenMinter minter;
    private Consumer<InstallationToken> revoker;
    private TokenStore store;
    private RefreshPolicy policy = RefreshPolicy.DEFAULT;
    private Clock clock;
    private Executor refreshExecutor;
    private GitHubAppListener listener = GitHubAppListener.NONE;

    private Builder() {}

    /** Mints over the network (blocking; throws unchecked exceptions). */
    public Builder minter(TokenMinter minter) {
      this.minter = Objects.requireNonNull(minter, "minter");
      return this;
    }

    /** Revokes the token it is given at GitHub. */
    public Builder revoker(Consumer<InstallationToken> revoker) {
      this.revoker = Objects.requireNonNull(revoker, "revoker");
      return this;
    }

    /** Where tokens are shared and mints coordinated; null for a bounded in-memory store. */
    public Builder store(TokenStore store) {
      this.store = store;
      return this;
    }

    public Builder policy(RefreshPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** GitHub's time, already corrected for the skew learned from its {@code Date} headers. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Runs refreshes of STALE tokens; null to run them on the calling thread. */
    public Builder refreshExecutor(Executor refreshExecutor) {
      this.refreshExecutor = refreshExecutor;
      return this;
    }

    /** Sees every token served and every refresh; it must not throw (the app guards it). */
    public Builder listener(GitHubAppListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public TokenCache build() {
      return new TokenCache(this);
    }
  }
}
