package io.github.ghapp.emulator.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The faults currently injected. Counters ("the next N requests") are consumed one request at a
 * time under this object's lock, so that N concurrent requests get exactly N faults between them.
 */
public final class FaultState {

  private int delayedRequests;
  private Duration delay = Duration.ZERO;
  private int resetRequests;
  private int failedRequests;
  private int failureStatus;
  private volatile Duration replicationLag = Duration.ZERO;
  private volatile Duration clockOffset = Duration.ZERO;
  private volatile Duration tokenLifetime;
  private final Map<Long, Integer> exhaustedInstallations = new ConcurrentHashMap<>();

  public synchronized void delayNext(int count, Duration delay) {
    requireCount(count);
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, got " + delay);
    }
    this.delayedRequests = count;
    this.delay = delay;
  }

  public synchronized void resetNext(int count) {
    requireCount(count);
    this.resetRequests = count;
  }

  public synchronized void failNext(int count, int status) {
    requireCount(count);
    if (status < 500 || status > 599) {
      throw new IllegalArgumentException(
          "failNext takes a 5xx status, got " + status + "; use exhaustRateLimit for 403/429");
    }
    this.failedRequests = count;
    this.failureStatus = status;
  }

  public void replicationLag(Duration lag) {
    if (lag.isNegative()) {
      throw new IllegalArgumentException("replication lag must not be negative, got " + lag);
    }
    this.replicationLag = lag;
  }

  public void clockOffset(Duration offset) {
    this.clockOffset = offset;
  }

  /**
   * @param lifetime of the tokens minted from now on; null for GitHub's hour
   */
  public void tokenLifetime(Duration lifetime) {
    if (lifetime != null && (lifetime.isNegative() || lifetime.isZero())) {
      throw new IllegalArgumentException("token lifetime must be positive, got " + lifetime);
    }
    this.tokenLifetime = lifetime;
  }

  /** The lifetime of a new token, or null for GitHub's hour. */
  public Duration tokenLifetime() {
    return tokenLifetime;
  }

  public void exhaustRateLimit(long installationId, int status) {
    if (status != 403 && status != 429) {
      throw new IllegalArgumentException(
          "GitHub answers a spent rate limit with 403 or 429, got " + status);
    }
    exhaustedInstallations.put(installationId, status);
  }

  public void restoreRateLimit(long installationId) {
    exhaustedInstallations.remove(installationId);
  }

  public synchronized void clear() {
    delayedRequests = 0;
    delay = Duration.ZERO;
    failedRequests = 0;
    resetRequests = 0;
    replicationLag = Duration.ZERO;
    clockOffset = Duration.ZERO;
    tokenLifetime = null;
    exhaustedInstallations.clear();
  }

  /** The delay for this request, consuming one of the delayed requests. */
  public synchronized Optional<Duration> takeDelay() {
    if (delayedRequests <= 0) {
      return Optional.empty();
    }
    delayedRequests--;
    return Optional.of(delay);
  }

  /** Whether this request's connection is to be dropped, consuming one of the reset requests. */
  public synchronized boolean takeReset() {
    if (resetRequests <= 0) {
      return false;
    }
    resetRequests--;
    return true;
  }

  /** The 5xx status for this request, consuming one of the failing requests. */
  public synchronized OptionalInt takeFailure() {
    if (failedRequests <= 0) {
      return OptionalInt.empty();
    }
    failedRequests--;
    return OptionalInt.of(failureStatus);
  }

  public Duration replicationLag() {
    return replicationLag;
  }

  public Duration clockOffset() {
    return clockOffset;
  }

  /** 403 or 429 when the installation's budget was declared spent. */
  public OptionalInt exhaustedStatus(long installationId) {
    Integer status = exhaustedInstallations.get(installationId);
    return status == null ? OptionalInt.empty() : OptionalInt.of(status);
  }

  private static void requireCount(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative, got " + count);
    }
  }
}
