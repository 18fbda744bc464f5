package io.github.ghapp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ghapp.auth.internal.token.ConcurrentCallers;
import io.github.ghapp.emulator.EmulatedApp;
import io.github.ghapp.emulator.EmulatorClock;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Regression (security review #15): a token with less life than the margins (15 and 5 minutes)
 * caused a mint storm: every call minted, threw IllegalStateException and threw the token away. The
 * margins now scale with the life GitHub gave the token. The emulator mints short tokens ({@code
 * faults().tokenLifetime}); its clock is stopped and moved by the test.
 */
class ShortTokenTest {
  private final EmulatorClock clock =
      EmulatorClock.stoppedAt(Instant.parse("2030-01-02T03:04:05Z"));
  private GitHubEmulator emu;
  private TokenProvider tokens;

  @BeforeEach
  void start() {
    emu = GitHubEmulator.builder().demoState().clock(clock).build().start();
    EmulatedApp app = emu.app(EmulatorApps.APP_ID);
    tokens =
        GitHubApp.builder()
            .clientId(app.clientId())
            .privateKey(app.privateKeyPem())
            .baseUrl(emu.baseUrl())
            .clock(clock)
            .build()
            .tokenProvider(EmulatorApps.ORG_INSTALLATION);
  }

  @AfterEach
  void stop() {
    emu.stop();
  }

  private long mints() {
    return emu.requests().stream().filter(RecordedRequest::isMint).count();
  }

  @Test
  void token_threeMinuteToken_isUsedWhileItLasts_withOneMint() {
    emu.faults().tokenLifetime(Duration.ofMinutes(3));

    String first = tokens.token();
    for (int i = 0; i < 100; i++) {
      assertThat(tokens.token()).isEqualTo(first);
    }
    assertThat(tokens.token(Duration.ZERO)).isEqualTo(first);
    assertThat(mints()).isEqualTo(1);

    clock.advance(Duration.ofMinutes(3)); // expired: the next call mints once more
    String second = tokens.token();
    assertThat(second).isNotEqualTo(first);
    assertThat(tokens.token()).isEqualTo(second);
    assertThat(mints()).isEqualTo(2);
  }

  @Test
  void token_twoHundredConcurrentCallersWithAThreeSecondToken_oneMintAndNoExceptions() {
    emu.faults().tokenLifetime(Duration.ofSeconds(3));

    ConcurrentCallers<String> callers = ConcurrentCallers.start(200, tokens::token);

    assertThat(callers.awaitResults()).hasSize(200).containsOnly(tokens.token());
    assertThat(mints()).isEqualTo(1);
  }

  @Test
  void token_minValidityLongerThanTheTokensThisGitHubMints_isTypedTokenLifetimeException() {
    // Regression (fault soak): asking more of a 10-minute token threw IllegalStateException,
    // which no caller handling GitHubException expects.
    emu.faults().tokenLifetime(Duration.ofMinutes(10));

    assertThatThrownBy(() -> tokens.token(Duration.ofMinutes(10).plusSeconds(1)))
        .isInstanceOfSatisfying(
            TokenLifetimeException.class,
            e -> {
              assertThat(e.granted()).isEqualTo(Duration.ofMinutes(10));
              assertThat(e.asked()).isEqualTo(Duration.ofMinutes(10).plusSeconds(1));
            })
        .isInstanceOf(GitHubException.class)
        .hasMessageContaining("less than the PT10M1S asked for");
    assertThat(tokens.token(Duration.ofMinutes(5))).startsWith("ghs_");
    assertThat(mints()).isEqualTo(1);
  }

  @Test
  void token_aMinuteToken_isRefreshedOnceWhenStale_notOnEveryCall() {
    emu.faults().tokenLifetime(Duration.ofMinutes(1));
    String first = tokens.token();

    clock.advance(Duration.ofSeconds(50)); // inside the scaled refresh margin (15 s), still valid
    for (int i = 0; i < 50; i++) {
      tokens.token();
    }

    assertThat(mints()).isEqualTo(2);
    assertThat(tokens.token()).isNotEqualTo(first);
  }
}
