package io.github.ghapp.redis.internal;

import io.github.ghapp.auth.GitHubAppListener;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether Redis is answering, so that an outage costs each caller nothing after the first failure:
 * while Redis is down, commands are skipped (the store goes on without it) and one caller at a
 * time, once per {@code retryInterval}, sends a real command as a probe. The first failure of an
 * outage is logged at WARN and told to the listener; the first success after it at INFO. A busy
 * service thus writes two lines per outage, not one per call.
 *
 * <p>Durations come from {@link System#nanoTime()}: they decide when to try Redis again, never
 * whether a token is still valid.
 */
public final class Outage {
  private static final Logger log =
      LoggerFactory.getLogger("io.github.ghapp.redis.RedisTokenStore");

  private final String where;
  private final GitHubAppListener listener;
  private final long retryNanos;
  private final AtomicBoolean probing = new AtomicBoolean();

  /** When the outage began, or 0 while Redis answers. */
  private volatile long downSinceNanos;

  private volatile long nextProbeNanos;

  public Outage(String where, GitHubAppListener listener, Duration retryInterval) {
    this.where = where;
    this.listener = listener;
    this.retryNanos = retryInterval.toNanos();
  }

  /** True when a command may go to Redis now: it is up, or this caller is the outage's probe. */
  boolean allows() {
    if (downSinceNanos == 0) {
      return true;
    }
    return System.nanoTime() - nextProbeNanos >= 0 && probing.compareAndSet(false, true);
  }

  public boolean isDown() {
    return downSinceNanos != 0;
  }

  void succeeded() {
    if (downSinceNanos != 0) {
      long since;
      synchronized (this) {
        since = downSinceNanos;
        downSinceNanos = 0;
      }
      if (since != 0) {
        Duration outage = Duration.ofNanos(System.nanoTime() - since);
        log.info("Redis at {} answers again after {}; tokens are shared again", where, outage);
        try {
          listener.tokenStoreRecovered(where, outage);
        } catch (RuntimeException e) {
          log.debug("The listener threw from tokenStoreRecovered; ignored", e);
        }
      }
    }
    probing.set(false);
  }

  void failed(String problem) {
    boolean began = false;
    synchronized (this) {
      long now = System.nanoTime();
      if (downSinceNanos == 0) {
        downSinceNanos = now == 0 ? 1 : now;
        began = true;
      }
      nextProbeNanos = now + retryNanos;
    }
    probing.set(false);
    if (began) {
      log.warn(
          "Redis at {} is not answering ({}); tokens are served from this process and minted"
              + " here until it does (trying again every {} ms)",
          where,
          problem,
          retryNanos / 1_000_000);
      try {
        listener.tokenStoreUnavailable(where, problem);
      } catch (RuntimeException e) {
        log.debug("The listener threw from tokenStoreUnavailable; ignored", e);
      }
    } else {
      log.debug("Redis at {} is still not answering ({})", where, problem);
    }
  }
}
