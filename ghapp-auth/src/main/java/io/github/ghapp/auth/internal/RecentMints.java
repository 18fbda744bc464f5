package io.github.ghapp.auth.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * Remembers when this process minted each recent token, to tell a token GitHub has not replicated yet (a
 * 401 within seconds of minting: wait and retry) from one it has really dropped (mint another).
 *
 * <p>Measured in elapsed real time, not on the injectable clock: replication lag happens in GitHub's
 * machinery whatever a test's clock says, and this decides only whether to wait, never a token's expiry.
 */
public final class RecentMints {
  private final Cache<String, Long> mintedAtNanos = Caffeine.newBuilder().maximumSize(1_024).build();
  private final long windowNanos;

  public RecentMints(Duration window) {
    this.windowNanos = window.toNanos();
  }

  public void minted(String token) {
    mintedAtNanos.put(token, System.nanoTime());
  }

  /** Whether {@code token} was minted here within the replication window. */
  public boolean isRecent(String token) {
    Long at = mintedAtNanos.getIfPresent(token);
    return at != null && System.nanoTime() - at < windowNanos;
  }
}
