package io.github.ghapp.redis.internal;

import io.github.ghapp.auth.GitHubAppListener;
import io.github.ghapp.auth.GitHubAppListener.UncoordinatedMint;
import io.github.ghapp.auth.InstallationToken;
import io.github.ghapp.auth.TokenKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One mint per key across every process sharing Redis, the single-instance lock Redis's own
 * documentation describes: {@code SET lease RANDOM NX PX ms} takes it, a script that deletes the
 * lease only if it still holds our random value releases it, another that extends it only then
 * keeps it while the mint runs (every third of the lease), and a holder that dies loses it when it
 * expires.
 *
 * <p>A waiter polls, with a back-off doubling from 10 to 200 ms (jittered, so a fleet does not poll
 * in step): each round tries to take the lease, then reads the token's value. When the value
 * changes from what it was when the waiter came, another process has stored a new token, and the
 * waiter runs the mint at once, without the lease: the mint reads the store first and finds it.
 * When the lease stays held past {@code maxWait}, or Redis fails, the waiter mints on its own.
 *
 * <p>Nothing depends on the lease for correctness: two mints for one key give two valid tokens, and
 * each process serves the one it got. Every mint without the lease is told to the listener ({@link
 * GitHubAppListener#mintUncoordinated}), so a fleet can count them.
 */
public final class Lease {
  private static final Logger log = LoggerFactory.getLogger(Lease.class);

  static final String RELEASE =
      "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else"
          + " return 0 end";
  static final String EXTEND =
      "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1],"
          + " ARGV[2]) else return 0 end";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long FIRST_BACKOFF_MILLIS = 10;
  private static final long MAX_BACKOFF_MILLIS = 200;
  private static final byte[] UNREAD = new byte[0];

  private final Redis redis;
  private final KeyLayout layout;
  private final long leaseMillis;
  private final long maxWaitNanos;
  private final ScheduledExecutorService renewer;
  private final GitHubAppListener listener;

  public Lease(
      Redis redis,
      KeyLayout layout,
      long leaseMillis,
      long maxWaitNanos,
      ScheduledExecutorService renewer,
      GitHubAppListener listener) {
    this.redis = redis;
    this.layout = layout;
    this.leaseMillis = leaseMillis;
    this.maxWaitNanos = maxWaitNanos;
    this.renewer = renewer;
    this.listener = listener;
  }

  /** Runs {@code mint} holding the key's lease, or without it once waiting is no use. */
  public InstallationToken run(TokenKey key, Supplier<InstallationToken> mint) {
    byte[] lease = layout.lease(key);
    byte[] tokenKey = layout.token(key);
    byte[] holder = HexFormat.of().formatHex(randomBytes()).getBytes(StandardCharsets.US_ASCII);
    long deadline = System.nanoTime() + maxWaitNanos;
    byte[] seen = UNREAD;
    long backoff = FIRST_BACKOFF_MILLIS;
    while (true) {
      try {
        if (seen == UNREAD) {
          seen = redis.get(tokenKey);
        }
        if (redis.setIfAbsent(lease, holder, leaseMillis)) {
          return holding(key, lease, holder, mint);
        }
        byte[] now = redis.get(tokenKey);
        if (now != null && !Arrays.equals(now, seen)) {
          log.debug("Another process stored a token for installation {}", key.installationId());
          return mint.get();
        }
      } catch (RedisDown e) {
        return uncoordinated(key, UncoordinatedMint.STORE_UNAVAILABLE, mint);
      }
      long pause = ThreadLocalRandom.current().nextLong(backoff / 2, backoff + 1);
      if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause) - deadline > 0) {
        return uncoordinated(key, UncoordinatedMint.WAITED_TOO_LONG, mint);
      }
      pause(key, pause);
      backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
    }
  }

  private InstallationToken holding(
      TokenKey key, byte[] lease, byte[] holder, Supplier<InstallationToken> mint) {
    byte[] ttl = Long.toString(leaseMillis).getBytes(StandardCharsets.US_ASCII);
    long every = Math.max(1, leaseMillis / 3);
    ScheduledFuture<?>[] renewal = new ScheduledFuture<?>[1];
    renewal[0] =
        renewer.scheduleWithFixedDelay(
            () -> {
              try {
                if (redis.eval(EXTEND, lease, holder, ttl) == 0) {
                  renewal[0].cancel(false);
                  log.warn(
                      "The mint lease for installation {} ran out while minting (the process"
                          + " stalled for over {} ms); another process may mint too",
                      key.installationId(),
                      leaseMillis);
                  tell(key, UncoordinatedMint.LOCK_LOST);
                }
              } catch (RedisDown e) {
                // Tried again on the next round; the lease may outlive a short outage.
              } catch (RuntimeException e) {
                log.debug("Extending the mint lease failed", e);
              }
            },
            every,
            every,
            TimeUnit.MILLISECONDS);
    try {
      return mint.get();
    } finally {
      renewal[0].cancel(false);
      try {
        redis.eval(RELEASE, lease, holder);
      } catch (RedisDown e) {
        // It runs out by itself within the lease time.
      }
    }
  }

  private InstallationToken uncoordinated(
      TokenKey key, UncoordinatedMint why, Supplier<InstallationToken> mint) {
    log.debug("Minting for installation {} without the lease ({})", key.installationId(), why);
    tell(key, why);
    return mint.get();
  }

  private void tell(TokenKey key, UncoordinatedMint why) {
    try {
      listener.mintUncoordinated(key, why);
    } catch (RuntimeException e) {
      log.debug("The listener threw from mintUncoordinated; ignored", e);
    }
  }

  private static void pause(TokenKey key, long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while waiting for another process to mint an installation token for"
              + " installation "
              + key.installationId(),
          e);
    }
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
