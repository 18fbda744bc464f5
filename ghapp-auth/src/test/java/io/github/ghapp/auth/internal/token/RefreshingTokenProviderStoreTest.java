package io.github.ghapp.auth.internal.token;

import static io.github.ghapp.auth.internal.token.TokenFixture.KEY;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.ghapp.auth.InstallationToken;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * How a provider shares tokens through its {@link io.github.ghapp.auth.TokenStore}, forgets and
 * revokes them.
 */
class RefreshingTokenProviderStoreTest {
  private final TokenFixture f = new TokenFixture();

  private InstallationToken storedByAnotherProcess(String value, java.time.Duration validity) {
    InstallationToken token = ScriptedMinter.token(value, f.clock.instant().plus(validity));
    f.store.put(KEY, token);
    return token;
  }

  @Test
  void token_storeHoldsAFreshTokenFromAnotherProcess_usesItWithoutMinting() {
    storedByAnotherProcess("ghs_other_process", ofMinutes(50));

    assertThat(f.provider().token()).isEqualTo("ghs_other_process");
    assertThat(f.minter.mints()).isZero();
  }

  @Test
  void token_storeHoldsATokenDueForRefresh_mintsInstead() {
    storedByAnotherProcess("ghs_other_process", ofMinutes(15));

    assertThat(f.provider().token()).isEqualTo("ghs_test_1");
    assertThat(f.store.get(KEY).token()).isEqualTo("ghs_test_1");
  }

  @Test
  void token_staleTokenWhileAnotherProcessStoredAFresherOne_takesThatInsteadOfMinting() {
    RefreshingTokenProvider tokens = f.provider();
    tokens.token();
    f.at(ofMinutes(46));
    storedByAnotherProcess("ghs_other_process", ofMinutes(59));

    assertThat(tokens.token()).isEqualTo("ghs_other_process");
    assertThat(f.minter.mints()).isEqualTo(1);
  }

  @Test
  void token_everyMint_runsInsideMintLockedAndIsStored() {
    List<Boolean> mintedInsideTheLock = new CopyOnWriteArrayList<>();
    RefreshingTokenProvider tokens =
        f.provider(
            (installationId, request) -> {
              mintedInsideTheLock.add(f.store.insideMintLocked());
              return f.minter.mint(installationId, request);
            },
            TokenFixture.NO_JITTER,
            null);

    tokens.token(); // cold
    f.at(ofMinutes(46));
    tokens.token(); // stale
    f.at(ofMinutes(46 + 56));
    tokens.token(); // expired
    f.at(ofMinutes(46 + 56 + 15));
    tokens.token(ofMinutes(50)); // FRESH, but not enough left for this caller
    tokens.invalidate();
    tokens.token(); // forgotten

    assertThat(mintedInsideTheLock).hasSize(5).containsOnly(true);
    assertThat(f.store.mintLockedCalls()).isEqualTo(5);
    assertThat(f.store.get(KEY).token()).isEqualTo("ghs_test_5");
  }

  @Test
  void token_anotherProcessMintsWhileWeWaitForTheLock_takesItsTokenWithoutMinting() {
    CountDownLatch otherProcessMinting = new CountDownLatch(1);
    CountDownLatch otherProcessDone = new CountDownLatch(1);
    CompletableFuture.runAsync(
        () ->
            f.store.mintLocked(
                KEY,
                () -> {
                  otherProcessMinting.countDown();
                  await().until(() -> otherProcessDone.getCount() == 0);
                  return storedByAnotherProcess("ghs_other_process", ofMinutes(60));
                }));
    await().until(() -> otherProcessMinting.getCount() == 0);
    ConcurrentCallers<String> caller = ConcurrentCallers.start(1, f.provider()::token);
    caller.awaitAllParked(); // waiting for the store's lock

    otherProcessDone.countDown();

    assertThat(caller.awaitResults()).containsExactly("ghs_other_process");
    assertThat(f.minter.mints()).isZero();
  }

  @Test
  void invalidate_dropsTheCachedAndTheStoredToken_soTheNextCallMints() {
    RefreshingTokenProvider tokens = f.provider();
    tokens.token();

    tokens.invalidate();

    assertThat(f.store.get(KEY)).isNull();
    assertThat(tokens.token()).isEqualTo("ghs_test_2");
  }

  @Test
  void invalidateRefused_theRefusedTokenIsStillCached_dropsItSoTheNextCallMints() {
    RefreshingTokenProvider tokens = f.provider();
    String refused = tokens.token();

    tokens.invalidate(refused);

    assertThat(f.store.get(KEY)).isNull();
    assertThat(tokens.token()).isEqualTo("ghs_test_2");
  }

  @Test
  void
      invalidateRefused_aSecondRefusalOfTheSameToken_keepsTheTokenTheFirstOneCausedSoOnlyOneMint() {
    RefreshingTokenProvider tokens = f.provider();
    String refused = tokens.token();
    tokens.invalidate(refused); // the first of two requests refused at once
    String replacement = tokens.token();

    tokens.invalidate(refused); // the second one's refusal arrives after the refresh

    assertThat(tokens.token()).isEqualTo(replacement).isEqualTo("ghs_test_2");
    assertThat(f.minter.mints()).isEqualTo(2);
  }

  @Test
  void invalidateRefused_anotherProcessStoredANewerToken_takesThatOneWithoutMinting() {
    RefreshingTokenProvider tokens = f.provider();
    String refused = tokens.token();
    storedByAnotherProcess("ghs_other_process", ofMinutes(58));

    tokens.invalidate(refused);

    assertThat(tokens.token()).isEqualTo("ghs_other_process");
    assertThat(f.minter.mints()).isEqualTo(1);
  }

  @Test
  void invalidate_whileARefreshHasJustReadTheStore_theTokenItReadIsNotInstalled() {
    storedByAnotherProcess("ghs_refused_by_github", ofMinutes(50));
    RefreshingTokenProvider tokens = f.provider();
    CountDownLatch resume = f.store.pauseAfterNextGet();
    CompletableFuture<String> caller = CompletableFuture.supplyAsync(tokens::token);
    await()
        .until(
            () -> f.store.paused().getCount() == 0); // the refresh has read ghs_refused_by_github

    tokens.invalidate();
    resume.countDown();

    assertThat(caller.join()).isEqualTo("ghs_test_1");
    assertThat(tokens.token()).isEqualTo("ghs_test_1");
  }

  @Test
  void revoke_revokesTheCurrentTokenThenForgetsIt() {
    RefreshingTokenProvider tokens = f.provider();
    InstallationToken first = tokens.installationToken();

    tokens.revoke();

    assertThat(f.revoked).containsExactly(first);
    assertThat(f.store.get(KEY)).isNull();
    assertThat(tokens.token()).isEqualTo("ghs_test_2");
  }

  @Test
  void revoke_nothingCached_revokesNothing() {
    f.provider().revoke();

    assertThat(f.revoked).isEmpty();
  }

  @Test
  void revoke_revokerFails_tokenIsForgottenAnyway() {
    RefreshingTokenProvider tokens =
        new RefreshingTokenProvider(
            KEY,
            f.cache(f.minter, TokenFixture.NO_JITTER, null)
                .revoker(
                    token -> {
                      throw new IllegalStateException("GitHub answered 502");
                    })
                .build());
    tokens.token();

    assertThatThrownBy(tokens::revoke).hasMessage("GitHub answered 502");
    assertThat(tokens.token()).isEqualTo("ghs_test_2");
  }

  @Test
  void revoke_whileARefreshIsMinting_theRevokedTokenIsNeverServedAgain() {
    ManualExecutor executor = new ManualExecutor();
    RefreshingTokenProvider tokens = f.provider(TokenFixture.NO_JITTER, executor);
    InstallationToken first = tokens.installationToken();
    f.at(ofMinutes(46));
    tokens.token();
    f.minter.hold();
    CompletableFuture<Void> refresh = CompletableFuture.runAsync(executor::runNext);
    await().until(() -> f.minter.mints() == 2);

    tokens.revoke();
    f.minter.release();
    refresh.join();

    assertThat(f.revoked).containsExactly(first);
    assertThat(tokens.token()).isEqualTo("ghs_test_2");
    assertThat(f.store.get(KEY).token()).isEqualTo("ghs_test_2");
  }

  @Test
  void revoke_whileARefreshHasJustReadAnotherProcessesToken_looksAgainRatherThanTrustIt() {
    ManualExecutor executor = new ManualExecutor();
    RefreshingTokenProvider tokens = f.provider(TokenFixture.NO_JITTER, executor);
    InstallationToken first = tokens.installationToken();
    f.at(ofMinutes(46));
    tokens.token();
    storedByAnotherProcess("ghs_other_process", ofMinutes(59));
    CountDownLatch resume = f.store.pauseAfterNextGet();
    CompletableFuture<Void> refresh = CompletableFuture.runAsync(executor::runNext);
    await().until(() -> f.store.paused().getCount() == 0);

    tokens.revoke(); // also forgets the stored token the refresh has already read
    resume.countDown();
    refresh.join();

    assertThat(f.revoked).containsExactly(first);
    assertThat(tokens.token()).isEqualTo("ghs_test_2");
  }

  @Test
  void token_refreshFails_warnsNamingTheInstallationButNeverAToken() {
    Logger logger = (Logger) LoggerFactory.getLogger(RefreshingTokenProvider.class);
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    logger.addAppender(events);
    Level before = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    try {
      RefreshingTokenProvider tokens = f.provider();
      tokens.token();
      f.at(ofMinutes(46));
      f.minter.failNext(new IllegalStateException("GitHub answered 502"));
      tokens.token();
      tokens.revoke();
    } finally {
      logger.detachAppender(events);
      logger.setLevel(before);
    }

    assertThat(events.list)
        .anySatisfy(
            e -> {
              assertThat(e.getLevel()).isEqualTo(Level.WARN);
              assertThat(e.getFormattedMessage())
                  .contains("installation 42")
                  .contains("serving the cached one");
              assertThat(e.getThrowableProxy().getMessage()).isEqualTo("GitHub answered 502");
            });
    assertThat(events.list).filteredOn(e -> e.getLevel() == Level.DEBUG).isNotEmpty();
    assertThat(events.list)
        .allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain("ghs_"));
  }
}
