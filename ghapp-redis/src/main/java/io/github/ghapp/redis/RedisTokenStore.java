package io.github.ghapp.redis;

import io.github.ghapp.auth.GitHubAppListener;
import io.github.ghapp.auth.InstallationToken;
import io.github.ghapp.auth.TokenCodec;
import io.github.ghapp.auth.TokenKey;
import io.github.ghapp.auth.TokenStore;
import io.github.ghapp.redis.internal.KeyLayout;
import io.github.ghapp.redis.internal.Lease;
import io.github.ghapp.redis.internal.Redis;
import io.github.ghapp.redis.internal.RedisDown;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TokenStore} on Redis, shared by every process of a fleet: a token minted by one replica
 * or build agent is used by all, and a refresh due everywhere at once costs one mint per
 * installation and scope, not one per process. Give each process's app the same store settings:
 *
 * <pre>{@code
 * RedisTokenStore store = RedisTokenStore.builder()
 *     .uri("rediss://ghapp:" + System.getenv("REDIS_PASSWORD") + "@redis.internal:6380")
 *     .sealingKey(Base64.getDecoder().decode(System.getenv("GHAPP_STORE_KEY"))) // openssl rand -base64 32
 *     .build();
 * GitHubApp app = GitHubApp.builder().appId(123).privateKey(pem).tokenStore(store).build();
 * }</pre>
 *
 * <p>Each process still serves its cached token from memory: Redis is asked only when a refresh is
 * due. Values are sealed with AES-GCM ({@link TokenCodec}) under a key of yours, so a dump, a
 * replica or {@code MONITOR} shows no token, and expire in Redis when the token does. Mints are
 * coordinated by a lease per key (see the module's README); when Redis is down or slow, callers
 * keep getting tokens (their cached one, or one minted in their own process) and the store logs one
 * warning per outage, tells the {@linkplain RedisTokenStoreBuilder#listener listener}, and shares
 * again by itself when Redis answers. No password appears in a log line, a message or {@link
 * #toString()}.
 *
 * <p>Thread-safe; one store (one connection) serves every thread. {@link #close()} closes what the
 * store opened: a client or connection you gave it stays yours.
 */
public final class RedisTokenStore implements TokenStore, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RedisTokenStore.class);

  private final Redis redis;
  private final KeyLayout layout;
  private final TokenCodec codec;
  private final Clock clock;
  private final Lease lease;
  private final ScheduledExecutorService renewer;
  private final String description;
  private final Map<TokenKey, ReentrantLock> localLocks = new ConcurrentHashMap<>();

  RedisTokenStore(
      Redis redis,
      KeyLayout layout,
      TokenCodec codec,
      Clock clock,
      long leaseMillis,
      long maxWaitNanos,
      ScheduledExecutorService renewer,
      GitHubAppListener listener,
      String description) {
    this.redis = redis;
    this.layout = layout;
    this.codec = codec;
    this.clock = clock;
    this.renewer = renewer;
    this.description = description;
    this.lease = new Lease(redis, layout, leaseMillis, maxWaitNanos, renewer, listener);
  }

  /** Starts the settings of a store; see {@link RedisTokenStoreBuilder}. */
  public static RedisTokenStoreBuilder builder() {
    return new RedisTokenStoreBuilder();
  }

  /**
   * The token stored for {@code key}, or null when there is none, when it has expired, when Redis
   * does not answer in time, or when the value does not open (another sealing key, or a value
   * copied from another key's name).
   */
  @Override
  public InstallationToken get(TokenKey key) {
    Objects.requireNonNull(key, "key");
    byte[] sealed;
    try {
      sealed = redis.get(layout.token(key));
    } catch (RedisDown e) {
      return null;
    }
    if (sealed == null) {
      return null;
    }
    InstallationToken token = codec.open(key, sealed).orElse(null);
    if (token == null) {
      log.debug(
          "The value under {} does not open with this store's sealing key; treated as absent",
          layout.tokenName(key));
      return null;
    }
    return token.expiresAt().isAfter(clock.instant()) ? token : null;
  }

  /**
   * Stores {@code token} sealed, to expire in Redis when it does (an expired one removes the key).
   * When Redis does not answer, the token is kept by the caller's provider only.
   */
  @Override
  public void put(TokenKey key, InstallationToken token) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(token, "token");
    long ttl = token.expiresAt().toEpochMilli() - clock.millis();
    try {
      if (ttl <= 0) {
        redis.delete(layout.token(key));
      } else {
        redis.set(layout.token(key), codec.seal(key, token), ttl);
      }
    } catch (RedisDown e) {
      log.debug("Not stored in Redis ({}): {}", e.getMessage(), layout.tokenName(key));
    }
  }

  @Override
  public void remove(TokenKey key) {
    Objects.requireNonNull(key, "key");
    try {
      redis.delete(layout.token(key));
    } catch (RedisDown e) {
      log.debug("Not removed from Redis ({}): {}", e.getMessage(), layout.tokenName(key));
    }
  }

  /**
   * Runs {@code mint} holding this key's lease in Redis, so that one process of the fleet mints
   * while the others wait for its token; see {@link Lease} for how waiting ends. A thread already
   * holding the key (a nested call) goes straight on.
   */
  @Override
  public InstallationToken mintLocked(TokenKey key, Supplier<InstallationToken> mint) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(mint, "mint");
    // One caller per key in this process goes to Redis; the others wait here, not in Redis.
    ReentrantLock local = localLocks.computeIfAbsent(key, k -> new ReentrantLock());
    try {
      local.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while waiting to mint an installation token for installation "
              + key.installationId(),
          e);
    }
    try {
      return local.getHoldCount() > 1 ? mint.get() : lease.run(key, mint);
    } finally {
      local.unlock();
    }
  }

  /**
   * The Redis key a token for {@code key} is kept under (nothing secret), e.g. for {@code SCAN}.
   */
  public String keyName(TokenKey key) {
    return layout.tokenName(Objects.requireNonNull(key, "key"));
  }

  /** True while Redis is not answering and the store is going on without it. */
  public boolean isDegraded() {
    return redis.outage().isDown();
  }

  Redis redis() {
    return redis;
  }

  String prefix() {
    return layout.prefix();
  }

  /** Closes the connection and client the store opened; one you gave it stays open. */
  @Override
  public void close() {
    renewer.shutdownNow();
    redis.close();
  }

  /** Where Redis is and the key prefix; never a password. */
  @Override
  public String toString() {
    return "RedisTokenStore{" + description + ", prefix=" + layout.prefix() + "}";
  }
}
