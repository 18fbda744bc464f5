package io.github.ghapp.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.emulator.EmulatorClock;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import io.github.ghapp.emulator.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client's clock is off from GitHub's (the emulator shifts only its own view, Date header
 * included): ghapp learns GitHub's time, signs again, and judges JWTs and token expiry on GitHub's
 * clock from then on.
 */
class ClockSkewTest {
  /**
   * A clock that stands still unless a test moves it, on a whole second: the Date header (whole
   * seconds) then tells the offset exactly, so it is asserted exactly rather than within a latency
   * allowance.
   */
  @RegisterExtension
  static final GitHubEmulatorExtension github =
      GitHubEmulatorExtension.demo()
          .configure(
              emulator ->
                  emulator.clock(EmulatorClock.stoppedAt(Instant.parse("2025-06-01T12:00:00Z"))));

  @BeforeEach
  void resetEmulator() {
    github.emulator().faults().clear();
    github.emulator().clearRequests();
  }

  @Test
  void createToken_clientClockFiveMinutesFast_succeedsAfterOneRetryAndKeepsTheOffset() {
    GitHubEmulator emu = github.emulator();
    emu.faults().clockOffset(Duration.ofMinutes(-5));
    GitHubApp app = EmulatorApps.app(emu);
    emu.clearRequests();

    app.createToken(42);

    assertThat(mintStatuses(emu)).containsExactly(401, 201);
    assertThat(app.clockOffset()).isEqualTo(Duration.ofMinutes(-5));
    assertLaterJwtsNeedNoRetry(app, emu);
  }

  @Test
  void createToken_clientClockFiveMinutesSlow_succeedsAndLearnsTheOffsetFromDate() {
    GitHubEmulator emu = github.emulator();
    emu.faults().clockOffset(Duration.ofMinutes(5));
    GitHubApp app = EmulatorApps.app(emu);
    emu.clearRequests();

    app.createToken(42);

    // A JWT expiring 9 minutes ahead by a clock 5 minutes slow is still valid for GitHub: no
    // refusal to learn from, so the offset comes from the successful answer's Date.
    assertThat(mintStatuses(emu)).containsExactly(201);
    assertThat(app.clockOffset()).isEqualTo(Duration.ofMinutes(5));
    assertLaterJwtsNeedNoRetry(app, emu);
  }

  @Test
  void createToken_clientClockElevenMinutesSlow_succeedsAfterOneRetryOnTheExpiredJwt() {
    GitHubEmulator emu = github.emulator();
    emu.faults().clockOffset(Duration.ofMinutes(11));
    GitHubApp app = EmulatorApps.app(emu);
    emu.clearRequests();

    app.createToken(42);

    assertThat(mintStatuses(emu)).containsExactly(401, 201);
    assertThat(app.clockOffset()).isEqualTo(Duration.ofMinutes(11));
  }

  @Test
  void tokenProvider_clientClockSlow_refreshesByGitHubsClockNotTheLocalOne() {
    GitHubEmulator emu = github.emulator();
    emu.faults().clockOffset(Duration.ofMinutes(5));
    GitHubApp app = EmulatorApps.app(emu);
    TokenProvider tokens = app.tokenProvider(42);
    String first = tokens.token();

    // 54 minutes later by the local clock the token has 6 minutes left locally, but only 1 by
    // GitHub's.
    emu.clock().advance(Duration.ofMinutes(54));

    assertThat(tokens.token()).isNotEqualTo(first);
    assertThat(emu.requests().stream().filter(RecordedRequest::isMint).count()).isEqualTo(2);
  }

  /** A JWT signed later, after the first one aged out, is right the first time. */
  private static void assertLaterJwtsNeedNoRetry(GitHubApp app, GitHubEmulator emu) {
    emu.clock().advance(Duration.ofMinutes(8));
    emu.clearRequests();

    app.createToken(42);

    assertThat(mintStatuses(emu)).containsExactly(201);
  }

  private static List<Integer> mintStatuses(GitHubEmulator emu) {
    return emu.requests().stream()
        .filter(r -> r.path().endsWith("/access_tokens"))
        .map(RecordedRequest::status)
        .toList();
  }
}
