package io.github.ghapp.auth.internal.token;

import static io.github.ghapp.auth.internal.token.TokenFixture.KEY;
import static io.github.ghapp.auth.internal.token.TokenFixture.START;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.ghapp.auth.RecordingListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the listener hears from a provider: how each call was served (FRESH, STALE, WAITED: once per
 * call) and how each refresh went, in the order it happened.
 */
class RefreshingTokenProviderListenerTest {
  private static final String EXPIRING_1 = " expiring " + START.plus(ofMinutes(60));
  private static final String EXPIRING_2 = " expiring " + START.plus(ofMinutes(106));

  private final TokenFixture f = new TokenFixture();
  private final RecordingListener heard = new RecordingListener();

  @BeforeEach
  void listen() {
    f.listener = heard;
  }

  @Test
  void token_coldKey_isServedWaitedAfterOneMintingRefresh() {
    f.provider().token();

    assertThat(heard.events())
        .containsExactly(
            "refreshStarted 42", "refreshSucceeded 42 minted" + EXPIRING_1, "served 42 WAITED");
    assertThat(heard.durations())
        .singleElement()
        .satisfies(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ZERO));
  }

  @Test
  void token_freshToken_isServedFreshByEveryMethodWithoutARefresh() {
    RefreshingTokenProvider tokens = f.provider();
    tokens.token();
    heard.clear();

    tokens.token();
    tokens.token(ofMinutes(30));
    tokens.installationToken();
    tokens.installationToken(ofMinutes(30));

    assertThat(heard.events())
        .containsExactly(
            "served 42 FRESH", "served 42 FRESH", "served 42 FRESH", "served 42 FRESH");
  }

  @Test
  void token_staleWithARefreshExecutor_isServedStaleWhileTheRefreshWaitsItsTurn() {
    ManualExecutor executor = new ManualExecutor();
    RefreshingTokenProvider tokens = f.provider(TokenFixture.NO_JITTER, executor);
    tokens.token();
    f.at(ofMinutes(46));
    heard.clear();

    tokens.token();
    tokens.token();
    assertThat(heard.events()).containsExactly("served 42 STALE", "served 42 STALE");
    executor.runNext();
    tokens.token();

    assertThat(heard.events())
        .containsExactly(
            "served 42 STALE",
            "served 42 STALE",
            "refreshStarted 42",
            "refreshSucceeded 42 minted" + EXPIRING_2,
            "served 42 FRESH");
  }

  @Test
  void token_staleWithoutAnExecutor_theCallerThatRunsTheRefreshIsCountedStale() {
    RefreshingTokenProvider tokens = f.provider();
    tokens.token();
    f.at(ofMinutes(46));
    heard.clear();

    assertThat(tokens.token()).isEqualTo("ghs_test_2");

    assertThat(heard.events())
        .containsExactly(
            "refreshStarted 42", "refreshSucceeded 42 minted" + EXPIRING_2, "served 42 STALE");
  }

  @Test
  void token_staleWhileAnotherCallerPaysForAHeldRefresh_othersAreServedStaleAndThePayerLast() {
    RefreshingTokenProvider tokens = f.provider();
    tokens.token();
    f.at(ofMinutes(46));
    heard.clear();
    f.minter.hold();
    CompletableFuture<String> payer = CompletableFuture.supplyAsync(tokens::token);
    await().until(() -> f.minter.mints() == 2);

    ConcurrentCallers.start(50, tokens::token).awaitResults();

    assertThat(heard.events()).startsWith("refreshStarted 42");
    assertThat(heard.events("served")).hasSize(50).containsOnly("served 42 STALE");
    f.minter.release();
    payer.join();
    assertThat(heard.events())
        .endsWith("refreshSucceeded 42 minted" + EXPIRING_2, "served 42 STALE")
        .hasSize(53);
  }

  @Test
  void token_manyCallersWaitingForAHeldMint_oneRefreshAndEveryCallerServedWaited() {
    RefreshingTokenProvider tokens = f.provider();
    f.minter.hold();

    ConcurrentCallers<String> callers = ConcurrentCallers.start(100, tokens::token);
    callers.awaitAllParked(); // one inside the mint, 99 waiting for it
    assertThat(heard.events()).containsExactly("refreshStarted 42");
    f.minter.release();
    callers.awaitResults();

    assertThat(heard.events("refresh"))
        .containsExactly("refreshStarted 42", "refreshSucceeded 42 minted" + EXPIRING_1);
    assertThat(heard.events("served")).hasSize(100).containsOnly("served 42 WAITED");
  }

  @Test
  void token_storeHoldsAFreshToken_refreshSucceedsFromTheStoreWithoutMinting() {
    f.store.put(KEY, ScriptedMinter.token("ghs_shared", START.plus(ofMinutes(50))));

    assertThat(f.provider().token()).isEqualTo("ghs_shared");

    assertThat(heard.events())
        .containsExactly(
            "refreshStarted 42",
            "refreshSucceeded 42 from store expiring " + START.plus(ofMinutes(50)),
            "served 42 WAITED");
    assertThat(f.minter.mints()).isZero();
  }

  @Test
  void token_mintFailsWithNothingCached_refreshFailedCarriesTheErrorAndNothingIsServed() {
    IllegalStateException failure = new IllegalStateException("GitHub answered 502");
    f.minter.failNext(failure);

    assertThatThrownBy(f.provider()::token).isSameAs(failure);

    assertThat(heard.events())
        .containsExactly("refreshStarted 42", "refreshFailed 42 IllegalStateException");
    assertThat(heard.refreshErrors()).containsExactly(failure);
    assertThat(heard.durations())
        .singleElement()
        .satisfies(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ZERO));
  }

  @Test
  void token_staleRefreshFails_refreshFailedAndTheStaleTokenIsServed() {
    RefreshingTokenProvider tokens = f.provider();
    tokens.token();
    f.at(ofMinutes(46));
    heard.clear();
    f.minter.failNext(new IllegalStateException("GitHub answered 502"));

    assertThat(tokens.token()).isEqualTo("ghs_test_1");

    assertThat(heard.events())
        .containsExactly(
            "refreshStarted 42", "refreshFailed 42 IllegalStateException", "served 42 STALE");
  }

  @Test
  void token_tokenTooShortForTheCaller_theCallerWaitsForANewOneAndIsServedWaited() {
    RefreshingTokenProvider tokens = f.provider();
    tokens.token();
    f.at(ofMinutes(30)); // 30 minutes left: FRESH for token(), too short for 45 minutes
    heard.clear();

    tokens.token(Duration.ofMinutes(45));

    assertThat(heard.events())
        .containsExactly(
            "refreshStarted 42",
            "refreshSucceeded 42 minted expiring " + START.plus(ofMinutes(90)),
            "served 42 WAITED");
    assertThat(heard.events()).doesNotContainAnyElementsOf(List.of("served 42 FRESH"));
  }
}
