package io.github.ghapp.auth.internal.token;

import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Many callers at once: one mint per key, who waits and who does not, and what waiters share. */
class RefreshingTokenProviderConcurrencyTest {
  private final TokenFixture f = new TokenFixture();

  @Test
  void token_thousandConcurrentCallersOnAColdKey_mintOnce() {
    RefreshingTokenProvider tokens = f.provider();
    f.minter.hold();

    ConcurrentCallers<String> callers = ConcurrentCallers.start(1_000, tokens::token);
    callers.awaitAllParked(); // one inside the mint, 999 waiting for it
    assertThat(f.minter.mints()).isEqualTo(1);
    f.minter.release();

    assertThat(callers.awaitResults()).hasSize(1_000).containsOnly("ghs_test_1");
    assertThat(f.minter.mints()).isEqualTo(1);
  }

  @Test
  void token_staleTokenWhileOneCallerPaysForASlowRefresh_everyOtherCallerGetsTheStaleTokenAtOnce() {
    RefreshingTokenProvider tokens = f.provider();
    tokens.token();
    f.at(ofMinutes(46));
    f.minter.hold();
    CompletableFuture<String> payer = CompletableFuture.supplyAsync(tokens::token);
    await().until(() -> f.minter.mints() == 2);

    // If any of these waited for the held mint, they could not finish before it is released.
    List<String> others = ConcurrentCallers.start(200, tokens::token).awaitResults();

    assertThat(others).hasSize(200).containsOnly("ghs_test_1");
    assertThat(payer).isNotDone();
    f.minter.release();
    assertThat(payer.join()).isEqualTo("ghs_test_2");
    assertThat(f.minter.mints()).isEqualTo(2);
  }

  @Test
  void token_staleTokenWhileTheBackgroundRefreshIsHeld_nobodyWaits() {
    ManualExecutor executor = new ManualExecutor();
    RefreshingTokenProvider tokens = f.provider(TokenFixture.NO_JITTER, executor);
    tokens.token();
    f.at(ofMinutes(46));
    tokens.token();
    f.minter.hold();
    CompletableFuture<Void> refresh = CompletableFuture.runAsync(executor::runNext);
    await().until(() -> f.minter.mints() == 2);

    List<String> callers = ConcurrentCallers.start(200, tokens::token).awaitResults();

    assertThat(callers).containsOnly("ghs_test_1");
    f.minter.release();
    refresh.join();
    assertThat(tokens.token()).isEqualTo("ghs_test_2");
  }

  @Test
  void token_expiredToken_callersWaitForTheOneRefreshAndAllGetItsToken() {
    RefreshingTokenProvider tokens = f.provider();
    tokens.token();
    f.at(ofMinutes(56));
    f.minter.hold();

    ConcurrentCallers<String> callers = ConcurrentCallers.start(50, tokens::token);
    callers.awaitAllParked();
    f.minter.release();

    assertThat(callers.awaitResults()).hasSize(50).containsOnly("ghs_test_2");
    assertThat(f.minter.mints()).isEqualTo(2);
  }

  @Test
  void token_callerNeedingMoreThanTheStaleTokenHas_waitsForTheQueuedRefreshInsteadOfMintingAgain() {
    ManualExecutor executor = new ManualExecutor();
    RefreshingTokenProvider tokens = f.provider(TokenFixture.NO_JITTER, executor);
    tokens.token();
    f.at(ofMinutes(46)); // 14 minutes left
    tokens.token(); // queues the refresh

    ConcurrentCallers<String> needy = ConcurrentCallers.start(1, () -> tokens.token(ofMinutes(20)));
    needy.awaitAllParked();
    assertThat(f.minter.mints()).isEqualTo(1);
    executor.runNext();

    assertThat(needy.awaitResults()).containsExactly("ghs_test_2");
    assertThat(f.minter.mints()).isEqualTo(2);
    assertThat(f.minter.mostAtOnce()).isEqualTo(1);
  }

  @Test
  void token_singleFlightErrorSharing_everyWaiterGetsTheFailureAndTheNextCallMintsAgain() {
    RefreshingTokenProvider tokens = f.provider();
    RuntimeException githubDown = new IllegalStateException("GitHub answered 502");
    f.minter.failNext(githubDown);
    f.minter.hold();

    ConcurrentCallers<String> callers = ConcurrentCallers.start(50, tokens::token);
    callers.awaitAllParked();
    f.minter.release();

    assertThat(callers.awaitFailures())
        .hasSize(50)
        .allSatisfy(e -> assertThat(e).isSameAs(githubDown));
    assertThat(f.minter.mints()).isEqualTo(1);
    assertThat(tokens.token()).isEqualTo("ghs_test_2");
  }

  @Test
  void token_waiterInterrupted_throwsWithItsInterruptFlagSetWhileTheRefreshGoesOn() {
    RefreshingTokenProvider tokens = f.provider();
    f.minter.hold();
    CompletableFuture<String> minting = CompletableFuture.supplyAsync(tokens::token);
    await().until(() -> f.minter.mints() == 1);
    CompletableFuture<Boolean> interruptFlagAfterwards = new CompletableFuture<>();
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    Thread waiter =
        new Thread(
            () -> {
              try {
                tokens.token();
              } catch (RuntimeException e) {
                thrown.complete(e);
              }
              interruptFlagAfterwards.complete(Thread.currentThread().isInterrupted());
            });
    waiter.start();
    await().until(() -> waiter.getState() == Thread.State.WAITING);

    waiter.interrupt();

    assertThat(interruptFlagAfterwards.join()).isTrue();
    assertThat(thrown.join())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("interrupted while waiting for an installation token");
    f.minter.release();
    assertThat(minting.join()).isEqualTo("ghs_test_1");
    assertThat(f.minter.mints()).isEqualTo(1);
  }
}
