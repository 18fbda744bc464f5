package io.github.ghapp.auth.internal.token;

import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.ghapp.auth.InstallationToken;
import io.github.ghapp.auth.TokenKey;
import io.github.ghapp.auth.TokenRequest;
import io.github.ghapp.emulator.EmulatorClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InMemoryTokenStoreTest {
  private static final InstallationToken TOKEN =
      ScriptedMinter.token("ghs_test_1", TokenFixture.START.plus(ofMinutes(60)));

  private static TokenKey key(long installationId) {
    return new TokenKey("https://api.github.com", "Iv23liTEST", installationId, TokenRequest.all());
  }

  @Test
  void get_afterPut_returnsTheTokenForThatKeyOnly() {
    InMemoryTokenStore store = new InMemoryTokenStore(10);

    store.put(key(1), TOKEN);

    assertThat(store.get(key(1))).isSameAs(TOKEN);
    assertThat(store.get(key(2))).isNull();
  }

  @Test
  void get_afterRemove_returnsNull() {
    InMemoryTokenStore store = new InMemoryTokenStore(10);
    store.put(key(1), TOKEN);

    store.remove(key(1));

    assertThat(store.get(key(1))).isNull();
  }

  @Test
  void put_moreKeysThanTheMaximumSize_keepsAtMostThatMany() {
    InMemoryTokenStore store = new InMemoryTokenStore(10);

    IntStream.rangeClosed(1, 100).forEach(id -> store.put(key(id), TOKEN));

    assertThat(IntStream.rangeClosed(1, 100).filter(id -> store.get(key(id)) != null).count())
        .isLessThanOrEqualTo(10);
  }

  @Test
  void get_anHourAfterPut_forgetsTheToken() {
    AtomicLong nanos = new AtomicLong();
    Ticker ticker = nanos::get;
    InMemoryTokenStore store = new InMemoryTokenStore(10, ticker);
    store.put(key(1), TOKEN);

    nanos.addAndGet(Duration.ofMinutes(59).toNanos());
    assertThat(store.get(key(1))).isSameAs(TOKEN);
    nanos.addAndGet(Duration.ofMinutes(1).toNanos());
    assertThat(store.get(key(1))).isNull();
  }

  @Test
  void constructor_nonPositiveSize_rejectedSayingWhatItBounds() {
    assertThatThrownBy(() -> new InMemoryTokenStore(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maximumSize must be positive, got 0");
  }

  @Test
  void mintLocked_sameKey_runsOneMintAtATime() {
    InMemoryTokenStore store = new InMemoryTokenStore(10);
    CountDownLatch firstMayFinish = new CountDownLatch(1);
    AtomicInteger entered = new AtomicInteger();
    CompletableFuture<InstallationToken> first =
        CompletableFuture.supplyAsync(
            () ->
                store.mintLocked(
                    key(1),
                    () -> {
                      entered.incrementAndGet();
                      await().until(() -> firstMayFinish.getCount() == 0);
                      return TOKEN;
                    }));
    await().until(() -> entered.get() == 1);

    ConcurrentCallers<InstallationToken> second =
        ConcurrentCallers.start(
            1,
            () ->
                store.mintLocked(
                    key(1),
                    () -> {
                      entered.incrementAndGet();
                      return TOKEN;
                    }));
    second.awaitAllParked();
    assertThat(entered).hasValue(1);
    firstMayFinish.countDown();

    assertThat(second.awaitResults()).containsExactly(TOKEN);
    assertThat(first.join()).isSameAs(TOKEN);
    assertThat(entered).hasValue(2);
  }

  @Test
  void mintLocked_differentKeys_doNotWaitForEachOther() {
    InMemoryTokenStore store = new InMemoryTokenStore(10);
    CountDownLatch firstMayFinish = new CountDownLatch(1);
    CountDownLatch firstEntered = new CountDownLatch(1);
    CompletableFuture<InstallationToken> first =
        CompletableFuture.supplyAsync(
            () ->
                store.mintLocked(
                    key(1),
                    () -> {
                      firstEntered.countDown();
                      await().until(() -> firstMayFinish.getCount() == 0);
                      return TOKEN;
                    }));
    await().until(() -> firstEntered.getCount() == 0);

    assertThat(store.mintLocked(key(2), () -> TOKEN))
        .isSameAs(TOKEN); // returns while key 1 is held

    firstMayFinish.countDown();
    assertThat(first.join()).isSameAs(TOKEN);
  }

  @Test
  void mintLocked_interruptedWhileWaitingForTheLock_throwsWithTheFlagSet() {
    InMemoryTokenStore store = new InMemoryTokenStore(10);
    CountDownLatch holderMayFinish = new CountDownLatch(1);
    CountDownLatch held = new CountDownLatch(1);
    CompletableFuture.runAsync(
        () ->
            store.mintLocked(
                key(1),
                () -> {
                  held.countDown();
                  await().until(() -> holderMayFinish.getCount() == 0);
                  return TOKEN;
                }));
    await().until(() -> held.getCount() == 0);
    CompletableFuture<Boolean> flagAfterwards = new CompletableFuture<>();
    Thread waiter =
        new Thread(
            () -> {
              try {
                store.mintLocked(key(1), () -> TOKEN);
              } catch (IllegalStateException expected) {
                flagAfterwards.complete(Thread.currentThread().isInterrupted());
              }
            });
    waiter.start();
    await().until(() -> waiter.getState() == Thread.State.WAITING);

    waiter.interrupt();

    assertThat(flagAfterwards.join()).isTrue();
    holderMayFinish.countDown();
  }

  @Test
  void mintLocked_twoProvidersSharingTheStoreOnAColdKey_mintOnce() {
    InMemoryTokenStore store = new InMemoryTokenStore(10);
    EmulatorClock clock = EmulatorClock.stoppedAt(TokenFixture.START);
    ScriptedMinter minter = new ScriptedMinter(clock);
    TokenKey key = key(1);
    TokenCache shared =
        TokenCache.builder().minter(minter).revoker(token -> {}).store(store).clock(clock).build();
    RefreshingTokenProvider one = new RefreshingTokenProvider(key, shared);
    RefreshingTokenProvider two = new RefreshingTokenProvider(key, shared);
    minter.hold();

    ConcurrentCallers<String> callers =
        ConcurrentCallers.start(2, new ProviderPerCaller(one, two)::token);
    callers.awaitAllParked(); // one in the mint, the other waiting for the store's lock
    minter.release();

    assertThat(callers.awaitResults()).containsOnly("ghs_test_1");
    assertThat(minter.mints()).isEqualTo(1);
  }

  /** Hands the first caller one provider and the second the other. */
  private static final class ProviderPerCaller {
    private final RefreshingTokenProvider[] providers;
    private final AtomicInteger next = new AtomicInteger();

    ProviderPerCaller(RefreshingTokenProvider... providers) {
      this.providers = providers;
    }

    String token() {
      return providers[next.getAndIncrement()].token();
    }
  }
}
