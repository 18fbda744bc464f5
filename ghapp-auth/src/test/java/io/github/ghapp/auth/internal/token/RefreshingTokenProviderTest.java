package io.github.ghapp.auth.internal.token;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ghapp.auth.InstallationToken;
import io.github.ghapp.auth.TokenLifetimeException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What one caller sees as a token ages: FRESH, STALE, EXPIRED, and what it may ask for. */
class RefreshingTokenProviderTest {
  private final TokenFixture f = new TokenFixture();

  @Test
  void token_coldKey_mintsOnceAndReturnsTheMintedToken() {
    RefreshingTokenProvider tokens = f.provider();

    assertThat(tokens.token()).isEqualTo("ghs_test_1");
    assertThat(f.minter.mints()).isEqualTo(1);
  }

  @Test
  void token_freshToken_servedWithoutMinting() {
    RefreshingTokenProvider tokens = f.provider();
    tokens.token();

    f.at(ofMinutes(45).minusMillis(1)); // a millisecond more than the refresh margin left
    for (int i = 0; i < 1_000; i++) {
      assertThat(tokens.token()).isEqualTo("ghs_test_1");
    }
    assertThat(f.minter.mints()).isEqualTo(1);
  }

  @Test
  void installationToken_freshToken_carriesTheExpiryAndScopeGitHubGranted() {
    RefreshingTokenProvider tokens = f.provider();

    InstallationToken token = tokens.installationToken();

    assertThat(token.token()).isEqualTo(tokens.token());
    assertThat(token.expiresAt()).isEqualTo(TokenFixture.START.plus(ofMinutes(60)));
    assertThat(token.permissions()).containsEntry("issues", "write");
  }

  @Test
  void token_staleTokenWithoutExecutor_theCallerThatStartsTheRefreshRunsItAndGetsTheNewToken() {
    RefreshingTokenProvider tokens = f.provider();
    tokens.token();

    f.at(ofMinutes(45)); // exactly the refresh margin left: STALE

    assertThat(tokens.token()).isEqualTo("ghs_test_2");
    assertThat(f.minter.mints()).isEqualTo(2);
    assertThat(tokens.token()).isEqualTo("ghs_test_2");
  }

  @Test
  void token_staleTokenWithExecutor_servedWhileExactlyOneRefreshIsQueued() {
    ManualExecutor executor = new ManualExecutor();
    RefreshingTokenProvider tokens = f.provider(TokenFixture.NO_JITTER, executor);
    tokens.token();
    f.at(ofMinutes(46));

    for (int i = 0; i < 100; i++) {
      assertThat(tokens.token()).isEqualTo("ghs_test_1");
    }
    assertThat(executor.queued()).isEqualTo(1);
    assertThat(f.minter.mints()).isEqualTo(1);

    executor.runNext();

    assertThat(f.minter.mints()).isEqualTo(2);
    assertThat(tokens.token()).isEqualTo("ghs_test_2");
    assertThat(executor.queued()).isZero();
  }

  @Test
  void token_executorRejectsTheRefresh_callerRunsIt() {
    RefreshingTokenProvider tokens =
        f.provider(
            TokenFixture.NO_JITTER,
            task -> {
              throw new java.util.concurrent.RejectedExecutionException("shut down");
            });
    tokens.token();
    f.at(ofMinutes(46));

    assertThat(tokens.token()).isEqualTo("ghs_test_2");
  }

  @Test
  void token_expiredToken_mintsBeforeAnswering() {
    RefreshingTokenProvider tokens = f.provider();
    tokens.token();

    f.at(ofMinutes(55).plusMillis(1)); // a millisecond less than the expiry margin left

    assertThat(tokens.token()).isEqualTo("ghs_test_2");
  }

  @Test
  void token_staleRefreshFails_cachedTokenServedUntilTheExpiryMarginThenTheFailureIsThrown() {
    RefreshingTokenProvider tokens = f.provider();
    tokens.token();
    RuntimeException githubDown = new IllegalStateException("GitHub answered 502");

    f.at(ofMinutes(46));
    f.minter.failNext(githubDown);
    assertThat(tokens.token()).isEqualTo("ghs_test_1");

    f.at(ofMinutes(55)); // exactly the expiry margin left: still served
    f.minter.failNext(githubDown);
    assertThat(tokens.token()).isEqualTo("ghs_test_1");
    assertThat(f.minter.mints()).isEqualTo(3);

    f.at(ofMinutes(55).plusMillis(1));
    f.minter.failNext(githubDown);
    assertThatThrownBy(tokens::token).isSameAs(githubDown);

    assertThat(tokens.token()).isEqualTo("ghs_test_5");
  }

  @Test
  void token_staleRefreshFailed_nextRefreshWaitsForTheBackoff() {
    RefreshingTokenProvider tokens = f.provider();
    tokens.token();
    f.at(ofMinutes(46));
    f.minter.failNext(new IllegalStateException("GitHub answered 502"));
    tokens.token();

    f.at(ofMinutes(46).plusMillis(999));
    assertThat(tokens.token()).isEqualTo("ghs_test_1");
    assertThat(f.minter.mints()).isEqualTo(2);

    f.at(ofMinutes(46).plusSeconds(1));
    assertThat(tokens.token()).isEqualTo("ghs_test_3");
  }

  @Test
  void next_repeatedFailures_doubleTheDelayUpToAMinute() {
    RefreshBackoff backoff = RefreshBackoff.NONE;
    long[] delays = new long[10];
    for (int i = 0; i < delays.length; i++) {
      backoff = backoff.next(0);
      delays[i] = backoff.notBeforeMillis();
    }

    assertThat(delays)
        .containsExactly(
            1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000, 60_000);
  }

  @Test
  void token_minValidityMoreThanTheCachedTokenHas_waitsForANewToken() {
    RefreshingTokenProvider tokens = f.provider();
    tokens.token();
    f.at(ofMinutes(20)); // 40 minutes left: FRESH, but not enough for this caller

    assertThat(tokens.token(ofMinutes(45))).isEqualTo("ghs_test_2");
    assertThat(tokens.token(ofMinutes(30))).isEqualTo("ghs_test_2");
    assertThat(f.minter.mints()).isEqualTo(2);
  }

  @Test
  void token_minValidityTheCachedTokenHas_servedWithoutMinting() {
    RefreshingTokenProvider tokens = f.provider();
    tokens.token();
    f.at(ofMinutes(20));

    assertThat(tokens.token(ofMinutes(40))).isEqualTo("ghs_test_1");
    assertThat(f.minter.mints()).isEqualTo(1);
  }

  @Test
  void token_minValidityBelowTheExpiryMargin_expiryMarginStillHolds() {
    RefreshingTokenProvider tokens = f.provider();
    tokens.token();
    f.at(ofMinutes(55).plusMillis(1));

    assertThat(tokens.token(Duration.ZERO)).isEqualTo("ghs_test_2");
  }

  @Test
  void token_negativeMinValidity_rejected() {
    RefreshingTokenProvider tokens = f.provider();

    assertThatThrownBy(() -> tokens.token(ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("minValidity must not be negative, got PT-1S");
  }

  @Test
  void token_minValidityBeyondWhatANewTokenHas_rejectedSayingWhy() {
    RefreshingTokenProvider tokens = f.provider();

    assertThatThrownBy(() -> tokens.token(ofMinutes(55).plusMillis(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tokens live 60 minutes")
        .hasMessageContaining("ask for at most PT55M");
    assertThat(tokens.token(ofMinutes(55))).isEqualTo("ghs_test_1");
    assertThat(f.minter.mints()).isEqualTo(1);
  }

  @Test
  void token_mintedTokenHasLessValidityThanAskedFor_failsInsteadOfMintingAgain() {
    RefreshingTokenProvider tokens = f.provider();
    f.minter.lifetime(ofMinutes(30));

    // Regression (fault soak): it was an IllegalStateException, not one of the typed errors.
    assertThatThrownBy(() -> tokens.token(ofMinutes(45)))
        .isInstanceOfSatisfying(
            TokenLifetimeException.class,
            e -> {
              assertThat(e.granted()).isEqualTo(ofMinutes(30));
              assertThat(e.asked()).isEqualTo(ofMinutes(45));
              assertThat(e.isRetryable()).isFalse();
              assertThat(e.request()).isEqualTo("POST /app/installations/42/access_tokens");
            })
        .hasMessageContaining("valid for PT30M, less than the PT45M asked for");
    assertThat(f.minter.mints()).isEqualTo(1);
  }

  @Test
  void token_newTokenAlreadyDueForRefresh_notRefreshedAgainOnEveryCall() {
    RefreshingTokenProvider tokens = f.provider();
    f.minter.lifetime(
        ofMinutes(10)); // less than the refresh margin, as when our clock runs far ahead

    for (int i = 0; i < 100; i++) {
      assertThat(tokens.token()).isEqualTo("ghs_test_1");
    }
    assertThat(f.minter.mints()).isEqualTo(1);

    // Its margins scale with its life (2.5 and 0.8 minutes): used while FRESH, refreshed once.
    f.clock.advance(ofSeconds(1));
    assertThat(tokens.token()).isEqualTo("ghs_test_1");
    assertThat(f.minter.mints()).isEqualTo(1);

    f.clock.advance(ofMinutes(8));
    assertThat(tokens.token()).isEqualTo("ghs_test_2");
    assertThat(tokens.token()).isEqualTo("ghs_test_2");
    assertThat(f.minter.mints()).isEqualTo(2);
  }

  @Test
  void token_clockWalkedAcrossHours_neverHandsOutATokenInsideTheMarginAskedFor() {
    RefreshingTokenProvider tokens = f.provider(RefreshPolicy.DEFAULT, null);

    walkTheClock(
        () -> {
          assertThat(tokens.installationToken().remaining(f.clock.instant()))
              .as("validity left at %s", f.clock.instant())
              .isGreaterThanOrEqualTo(ofMinutes(5));
          assertThat(tokens.installationToken(ofMinutes(30)).remaining(f.clock.instant()))
              .as("validity left at %s for a caller asking 30 minutes", f.clock.instant())
              .isGreaterThanOrEqualTo(ofMinutes(30));
        });
  }

  @Test
  void
      token_clockWalkedAcrossHoursWhileEveryEarlyRefreshFails_neverHandsOutATokenInsideTheExpiryMargin() {
    // Only the callers that find the token inside the expiry margin get a token minted; the STALE
    // token must be served right up to that margin and not a millisecond past it.
    AtomicReference<InstallationToken> last = new AtomicReference<>();
    TokenMinter failsEarlyRefreshes =
        (installationId, request) -> {
          InstallationToken previous = last.get();
          if (previous != null
              && previous.remaining(f.clock.instant()).compareTo(ofMinutes(5)) >= 0) {
            throw new IllegalStateException("GitHub answered 502");
          }
          InstallationToken minted = f.minter.mint(installationId, request);
          last.set(minted);
          return minted;
        };
    RefreshingTokenProvider tokens = f.provider(failsEarlyRefreshes, RefreshPolicy.DEFAULT, null);

    walkTheClock(
        () ->
            assertThat(tokens.installationToken().remaining(f.clock.instant()))
                .as("validity left at %s", f.clock.instant())
                .isGreaterThanOrEqualTo(ofMinutes(5)));
    assertThat(f.minter.mints()).as("one mint per token lifetime less the margin").isEqualTo(4);
  }

  /**
   * Steps the clock over three hours, in steps that land on every second of the minute over time.
   */
  private void walkTheClock(Runnable check) {
    for (Duration elapsed = Duration.ZERO;
        elapsed.compareTo(Duration.ofHours(3)) < 0;
        elapsed = elapsed.plus(ofMillis(6_999))) {
      f.at(elapsed);
      check.run();
    }
  }

  @Test
  void token_jitter_eachTokensRefreshStartsUpToTheJitterBeforeTheRefreshMargin() {
    Set<Duration> refreshStarts = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      TokenFixture fixture = new TokenFixture();
      ManualExecutor executor = new ManualExecutor();
      RefreshingTokenProvider tokens = fixture.provider(RefreshPolicy.DEFAULT, executor);
      tokens.token();

      Duration elapsed = ofMinutes(43);
      while (executor.queued() == 0) {
        elapsed = elapsed.plusSeconds(1);
        fixture.at(elapsed);
        tokens.token();
      }
      refreshStarts.add(elapsed);
    }

    // DEFAULT: refresh from 15 minutes before expiry, up to 1 minute earlier; tokens live 60
    // minutes.
    assertThat(refreshStarts)
        .allSatisfy(start -> assertThat(start).isBetween(ofMinutes(44), ofMinutes(45)));
    assertThat(refreshStarts).as("jitter drawn per token").hasSizeGreaterThan(1);
  }

  @Test
  void toString_namesTheInstallationButNeverTheToken() {
    RefreshingTokenProvider tokens = f.provider();
    tokens.token();

    assertThat(tokens.toString()).contains("installation=42").doesNotContain("ghs_");
  }
}
