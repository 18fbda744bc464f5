package io.github.ghapp.auth.internal.credentials;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Remembers when this process minted each recent token, to tell a token GitHub has not replicated
 * yet (a 401 within seconds of minting: wait and retry) from one it has really dropped (mint
 * another).
 */
public final class RecentMints {
  /** A 401 within this long of minting is taken for replication lag rather than a dead token. */
  static final Duration REPLICATION_WINDOW = Duration.ofSeconds(10);

  private final Cache<String, Instant> mintedAt = Caffeine.newBuilder().maximumSize(1_024).build();
  private final Clock clock;
  private final Duration window;

  /**
   * @param clock the configured (local) clock: only the time between mint and refusal matters
   */
  public RecentMints(Clock clock) {
    this(clock, REPLICATION_WINDOW);
  }

  RecentMints(Clock clock, Duration window) {
    this.clock = clock;
    this.window = window;
  }

  public void minted(String token) {
    mintedAt.put(token, clock.instant());
  }

  /** Whether {@code token} was minted here within the replication window. */
  boolean isRecent(String token) {
    Instant at = mintedAt.getIfPresent(token);
    return at != null && Duration.between(at, clock.instant()).compareTo(window) < 0;
  }
}
