package io.github.ghapp.emulator;

import io.github.ghapp.emulator.internal.FaultState;
import java.time.Duration;
import java.util.Objects;

/**
 * Faults to inject, so that a client's retry, refresh and back-off paths can be tested against the
 * failures GitHub really produces. Each method replaces the previous setting of the same fault;
 * {@link #clear()} removes all.
 *
 * <pre>{@code
 * emu.faults().failNext(2, 502);                        // the next two requests answer 502
 * emu.faults().resetNext(1);                            // the next one's connection is reset
 * emu.faults().replicationLag(Duration.ofSeconds(3));   // a new token is refused (401) for its first 3 s
 * emu.faults().exhaustRateLimit(42, 429);               // installation 42 is over its budget
 * }</pre>
 *
 * Faults never touch the {@code /_emulator/} admin API.
 */
public final class Faults {

  private final FaultState state;

  Faults(FaultState state) {
    this.state = state;
  }

  /**
   * Holds each of the next {@code count} requests on its server thread for {@code delay} before
   * answering.
   */
  public Faults delayNext(int count, Duration delay) {
    state.delayNext(count, Objects.requireNonNull(delay, "delay"));
    return this;
  }

  /**
   * Drops the connection of each of the next {@code count} requests without an answer (a TCP
   * reset), as a load balancer or a network in between may: the client sees the connection reset or
   * closed, with no status. Such requests are not in {@link GitHubEmulator#requests()}.
   */
  public Faults resetNext(int count) {
    state.resetNext(count);
    return this;
  }

  /** Answers the next {@code count} requests with {@code status} (a 5xx), whatever they ask. */
  public Faults failNext(int count, int status) {
    state.failNext(count, status);
    return this;
  }

  /**
   * Refuses every token with 401 {@code Bad credentials} until it is {@code lag} old, as GitHub
   * does while a new token has not reached every replica yet.
   */
  public Faults replicationLag(Duration lag) {
    state.replicationLag(Objects.requireNonNull(lag, "lag"));
    return this;
  }

  /**
   * Runs the emulator's clock {@code offset} ahead of its {@link EmulatorClock} (negative: behind),
   * as if the client's clock were off: JWT checks, token expiry and the {@code Date} header all use
   * the shifted time.
   */
  public Faults clockOffset(Duration offset) {
    state.clockOffset(Objects.requireNonNull(offset, "offset"));
    return this;
  }

  /**
   * Mints installation tokens that live {@code lifetime} instead of GitHub's hour, as a GitHub
   * Enterprise Server setting, a test server or a proxy may, so that a client's handling of short
   * tokens can be tested. {@code expires_at} is whole seconds, as GitHub's.
   */
  public Faults tokenLifetime(Duration lifetime) {
    state.tokenLifetime(Objects.requireNonNull(lifetime, "lifetime"));
    return this;
  }

  /**
   * Declares installation {@code installationId}'s budget spent: its requests get 403 with
   * remaining 0.
   */
  public Faults exhaustRateLimit(long installationId) {
    return exhaustRateLimit(installationId, 403);
  }

  /** As {@link #exhaustRateLimit(long)} with the status GitHub may use instead, 403 or 429. */
  public Faults exhaustRateLimit(long installationId, int status) {
    state.exhaustRateLimit(installationId, status);
    return this;
  }

  /**
   * Undoes {@link #exhaustRateLimit} for one installation, leaving the other faults as they are.
   */
  public Faults restoreRateLimit(long installationId) {
    state.restoreRateLimit(installationId);
    return this;
  }

  /** Removes every injected fault. */
  public Faults clear() {
    state.clear();
    return this;
  }
}
