package io.github.ghapp.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.GitHubAppListener.UncoordinatedMint;
import io.github.ghapp.auth.InstallationToken;
import io.github.ghapp.auth.TokenKey;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.RecordedRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mintLocked across stores that share one Redis, as processes of a fleet do: one mints, the others
 * take its token; a lease left by a dead holder runs out; a lease is only ever released or extended
 * by its holder.
 */
class LeaseTest {
  @TempDir static Path dir;
  static RedisServer redis;
  private final List<RedisTokenStore> stores = new ArrayList<>();
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final RecordingListener listener = new RecordingListener();

  @BeforeAll
  static void startRedis() {
    redis = RedisServer.start(dir);
  }

  @AfterAll
  static void stopRedis() {
    redis.stop();
  }

  @BeforeEach
  void flush() throws IOException {
    Resp.call(redis.port(), "FLUSHALL");
  }

  @AfterEach
  void close() {
    threads.shutdownNow();
    stores.forEach(RedisTokenStore::close);
  }

  private RedisTokenStore store(Duration leaseTime, Duration maxWait) {
    RedisTokenStore store =
        RedisTokenStore.builder()
            .uri(redis.uri())
            .sealingKey(Keys.SEALING)
            .leaseTime(leaseTime)
            .maxWait(maxWait)
            .listener(listener)
            .build();
    stores.add(store);
    return store;
  }

  private String leaseName(RedisTokenStore store, TokenKey key) {
    String token = store.keyName(key);
    return token.substring(0, token.length() - "token".length()) + "lease";
  }

  /** A mint as a provider runs it: take a stored token if there is one, else mint and store. */
  private static Supplier<InstallationToken> mintUnlessStored(
      RedisTokenStore store, TokenKey key, AtomicInteger mints, String secret) {
    return () -> {
      InstallationToken stored = store.get(key);
      if (stored != null) {
        return stored;
      }
      mints.incrementAndGet();
      InstallationToken minted = RedisTokenStoreTest.token(secret);
      store.put(key, minted);
      return minted;
    };
  }

  @Test
  void mintLocked_inTwoStores_oneMintsAndTheOtherTakesItsToken() throws Exception {
    RedisTokenStore first = store(Duration.ofSeconds(5), Duration.ofSeconds(10));
    RedisTokenStore second = store(Duration.ofSeconds(5), Duration.ofSeconds(10));
    TokenKey key = RedisTokenStoreTest.key();
    AtomicInteger mints = new AtomicInteger();
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<InstallationToken> holder =
        threads.submit(
            () ->
                first.mintLocked(
                    key,
                    () -> {
                      holding.countDown();
                      awaitRelease(release);
                      return mintUnlessStored(first, key, mints, "first").get();
                    }));
    assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
    Future<InstallationToken> waiter =
        threads.submit(
            () -> second.mintLocked(key, mintUnlessStored(second, key, mints, "second")));

    assertThat(Resp.call(redis.port(), "EXISTS", leaseName(first, key))).isEqualTo(":1");
    release.countDown();

    assertThat(holder.get(10, TimeUnit.SECONDS).token()).isEqualTo("ghs_first");
    assertThat(waiter.get(10, TimeUnit.SECONDS).token()).isEqualTo("ghs_first");
    assertThat(mints).hasValue(1);
    assertThat(listener.uncoordinated).isEmpty();
    assertThat(Resp.call(redis.port(), "EXISTS", leaseName(first, key)))
        .as("the lease is released once the mint returns")
        .isEqualTo(":0");
  }

  @Test
  void mintLocked_longerThanTheLease_keepsItExtended() throws Exception {
    RedisTokenStore store = store(Duration.ofMillis(300), Duration.ofSeconds(10));
    TokenKey key = RedisTokenStoreTest.key();
    String lease = leaseName(store, key);
    AtomicInteger looks = new AtomicInteger();

    store.mintLocked(
        key,
        () -> {
          // Held for many lease times: the lease must be there at every look.
          await()
              .pollInterval(Duration.ofMillis(50))
              .atMost(Duration.ofSeconds(10))
              .until(
                  () -> {
                    assertThat(Resp.call(redis.port(), "EXISTS", lease)).isEqualTo(":1");
                    return looks.incrementAndGet() >= 30;
                  });
          return RedisTokenStoreTest.token("slow");
        });

    assertThat(listener.uncoordinated).isEmpty();
    assertThat(Resp.call(redis.port(), "EXISTS", lease)).isEqualTo(":0");
  }

  @Test
  void leaseOfADeadHolder_runsOut_andTheNextCallerMints() throws IOException {
    RedisTokenStore store = store(Duration.ofSeconds(5), Duration.ofSeconds(20));
    TokenKey key = RedisTokenStoreTest.key();
    Resp.call(redis.port(), "SET", leaseName(store, key), "a-process-killed-with-9", "PX", "400");
    AtomicInteger mints = new AtomicInteger();

    InstallationToken token = store.mintLocked(key, mintUnlessStored(store, key, mints, "after"));

    assertThat(token.token()).isEqualTo("ghs_after");
    assertThat(mints).hasValue(1);
    assertThat(listener.uncoordinated).isEmpty();
  }

  @Test
  void leaseHeldPastMaxWait_mintsWithoutIt_andSaysSo() throws IOException {
    RedisTokenStore store = store(Duration.ofSeconds(5), Duration.ofMillis(300));
    TokenKey key = RedisTokenStoreTest.key();
    String lease = leaseName(store, key);
    Resp.call(redis.port(), "SET", lease, "a-stuck-process", "PX", "60000");
    AtomicInteger mints = new AtomicInteger();

    InstallationToken token = store.mintLocked(key, mintUnlessStored(store, key, mints, "alone"));

    assertThat(token.token()).isEqualTo("ghs_alone");
    assertThat(listener.uncoordinated).containsExactly(UncoordinatedMint.WAITED_TOO_LONG);
    assertThat(Resp.call(redis.port(), "GET", lease))
        .as("another's lease is never released by us")
        .isEqualTo("a-stuck-process");
  }

  @Test
  void leaseTakenOverWhileMinting_isToldAndLeftToItsNewHolder() throws IOException {
    RedisTokenStore store = store(Duration.ofMillis(300), Duration.ofSeconds(10));
    TokenKey key = RedisTokenStoreTest.key();
    String lease = leaseName(store, key);

    store.mintLocked(
        key,
        () -> {
          try {
            // as if this process had stalled past the lease and another had taken it
            Resp.call(redis.port(), "SET", lease, "the-next-holder", "PX", "60000");
          } catch (IOException e) {
            throw new AssertionError(e);
          }
          await()
              .atMost(Duration.ofSeconds(10))
              .until(() -> listener.uncoordinated.contains(UncoordinatedMint.LOCK_LOST));
          return RedisTokenStoreTest.token("late");
        });

    assertThat(Resp.call(redis.port(), "GET", lease)).isEqualTo("the-next-holder");
  }

  @Test
  void twoAppsOnOneRedis_withManyCallersOnAColdKey_mintOnce() throws Exception {
    try (GitHubEmulator emu = GitHubEmulator.builder().demoState().build().start()) {
      List<GitHubApp> apps = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        apps.add(
            GitHubApp.builder()
                .appId(1001)
                .privateKey(emu.app(1001).privateKeyPem())
                .baseUrl(emu.baseUrl())
                .tokenStore(store(Duration.ofSeconds(5), Duration.ofSeconds(20)))
                .build());
      }
      CountDownLatch start = new CountDownLatch(1);
      List<Future<String>> tokens = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        GitHubApp app = apps.get(i % 2);
        tokens.add(
            threads.submit(
                () -> {
                  start.await();
                  return app.tokenProvider(42).token();
                }));
      }
      start.countDown();

      List<String> got = new ArrayList<>();
      for (Future<String> f : tokens) {
        got.add(f.get(20, TimeUnit.SECONDS));
      }
      assertThat(got).containsOnly(got.get(0));
      assertThat(emu.requests().stream().filter(RecordedRequest::isMint).count()).isEqualTo(1);
    }
  }

  private static void awaitRelease(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("the test did not release the mint");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
