package io.github.ghapp.auth.internal.token;

import io.github.ghapp.auth.GitHubAppListener;
import io.github.ghapp.auth.InstallationToken;
import io.github.ghapp.auth.TokenKey;
import io.github.ghapp.auth.TokenRequest;
import io.github.ghapp.emulator.EmulatorClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * What a provider under test is made of: a settable clock, a scripted minter, a recording store
 * and, when a test sets one, a listener.
 */
final class TokenFixture {
  /** When the clock starts, and the first token is minted. */
  static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

  static final TokenKey KEY =
      new TokenKey(
          "https://api.github.com",
          "Iv23liTEST",
          42,
          TokenRequest.builder().repositories("hello-world").permission("issues", "write").build());

  /**
   * The default margins without jitter, so a test knows to the millisecond when a token turns
   * STALE.
   */
  static final RefreshPolicy NO_JITTER =
      new RefreshPolicy(Duration.ofMinutes(15), Duration.ofMinutes(5), Duration.ZERO);

  final EmulatorClock clock = EmulatorClock.stoppedAt(START);
  final ScriptedMinter minter = new ScriptedMinter(clock);
  final RecordingTokenStore store = new RecordingTokenStore();
  final List<InstallationToken> revoked = new CopyOnWriteArrayList<>();

  /** Hears the providers made from here on; none by default. */
  GitHubAppListener listener = GitHubAppListener.NONE;

  /** A provider that refreshes STALE tokens on the calling thread. */
  RefreshingTokenProvider provider() {
    return provider(NO_JITTER, null);
  }

  RefreshingTokenProvider provider(RefreshPolicy policy, Executor refreshExecutor) {
    return provider(minter, policy, refreshExecutor);
  }

  RefreshingTokenProvider provider(
      TokenMinter minter, RefreshPolicy policy, Executor refreshExecutor) {
    return new RefreshingTokenProvider(KEY, cache(minter, policy, refreshExecutor).build());
  }

  /** What the provider shares with others of its app: this fixture's parts, and its listener. */
  TokenCache.Builder cache(TokenMinter minter, RefreshPolicy policy, Executor refreshExecutor) {
    return TokenCache.builder()
        .minter(minter)
        .revoker(revoked::add)
        .store(store)
        .policy(policy)
        .clock(clock)
        .refreshExecutor(refreshExecutor)
        .listener(listener);
  }

  /** Sets the clock to {@code elapsed} after the first token was minted (at {@link #START}). */
  void at(Duration elapsed) {
    clock.set(START.plus(elapsed));
  }
}
