package io.github.ghapp.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.GitHubAppListener.UncoordinatedMint;
import io.github.ghapp.emulator.EmulatorClock;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis stopped, killed or hung in the middle of a run: callers keep getting tokens within their
 * deadline (their cached one, or one minted in their process), the store warns once per outage, and
 * sharing resumes by itself when Redis is back.
 */
class OutageTest {
  /** What a caller may wait at most here: a few command timeouts and a mint, never a hang. */
  static final int DEADLINE_SECONDS = 5;

  @TempDir Path dir;
  RedisServer redis;
  GitHubEmulator emu;
  final List<RedisTokenStore> stores = new ArrayList<>();
  final List<GitHubApp> apps = new ArrayList<>();
  final RecordingListener listener = new RecordingListener();
  final ExecutorService threads = Executors.newCachedThreadPool();

  @BeforeEach
  void start() {
    redis = RedisServer.start(dir);
    emu =
        GitHubEmulator.builder()
            .demoState()
            .clock(EmulatorClock.stoppedAt(Instant.now().truncatedTo(ChronoUnit.SECONDS)))
            .build()
            .start();
    for (int i = 0; i < 2; i++) { // two processes' worth of app and store
      RedisTokenStore store =
          RedisTokenStore.builder()
              .uri(redis.uri())
              .sealingKey(Keys.SEALING)
              .clock(emu.clock())
              .commandTimeout(Duration.ofMillis(200))
              .retryInterval(Duration.ofMillis(100))
              .listener(listener)
              .build();
      stores.add(store);
      apps.add(
          GitHubApp.builder()
              .appId(1001)
              .privateKey(emu.app(1001).privateKeyPem())
              .baseUrl(emu.baseUrl())
              .clock(emu.clock())
              .tokenStore(store)
              .build());
    }
  }

  @AfterEach
  void stop() {
    threads.shutdownNow();
    stores.forEach(RedisTokenStore::close);
    emu.close();
    if (redis.isRunning()) {
      redis.resume();
    }
    redis.stop();
  }

  @Test
  void redisStoppedThenRestarted_callersNeverFail_andMintsGoBackToOnePerKey() throws Exception {
    assertThat(everyCallerGetsAToken()).containsOnly(1L);

    redis.stop();
    emu.clock().advance(Duration.ofMinutes(56)); // every cached token is due
    try (LogCapture logs = new LogCapture()) {
      assertThat(everyCallerGetsAToken()).as("mints while Redis is down").allMatch(m -> m <= 2);
      assertThat(everyCallerGetsAToken()).as("cached meanwhile").containsOnly(0L);
      assertThat(logs.warnings())
          .as("one warning per outage and store")
          .hasSizeLessThanOrEqualTo(2);
    }
    assertThat(listener.unavailable).hasSizeBetween(1, 2);
    assertThat(listener.uncoordinated).contains(UncoordinatedMint.STORE_UNAVAILABLE);

    redis.start();
    awaitSharing();
    emu.clock().advance(Duration.ofMinutes(56));
    assertThat(everyCallerGetsAToken()).as("one mint for the fleet again").containsOnly(1L);
    assertThat(listener.recovered).hasSize(2);
  }

  @Test
  void redisHung_callersGetTokensWithinTheirDeadline_andSharingResumes() throws Exception {
    assertThat(everyCallerGetsAToken()).containsOnly(1L);

    redis.pause(); // connections stay open, nothing answers: only timeouts end a command
    emu.clock().advance(Duration.ofMinutes(56));
    assertThat(everyCallerGetsAToken()).allMatch(m -> m <= 2);
    assertThat(stores).allMatch(RedisTokenStore::isDegraded);

    redis.resume();
    awaitSharing();
    emu.clock().advance(Duration.ofMinutes(56));
    assertThat(everyCallerGetsAToken()).containsOnly(1L);
  }

  private void awaitSharing() {
    await("both stores answered by Redis again")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              stores.forEach(s -> s.get(RedisTokenStoreTest.key()));
              return stores.stream().noneMatch(RedisTokenStore::isDegraded);
            });
  }

  /**
   * 20 callers on each app at once, each bounded by the deadline; returns the mints they caused (a
   * one-element list, for AssertJ).
   */
  private List<Long> everyCallerGetsAToken() throws Exception {
    long before = mints();
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> calls = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      GitHubApp app = apps.get(i % 2);
      calls.add(
          threads.submit(
              () -> {
                go.await();
                return app.tokenProvider(42).token(Duration.ofMinutes(10));
              }));
    }
    go.countDown();
    for (Future<String> call : calls) {
      assertThat(call.get(DEADLINE_SECONDS, TimeUnit.SECONDS)).startsWith("ghs_");
    }
    return List.of(mints() - before);
  }

  private long mints() {
    return emu.requests().stream().filter(RecordedRequest::isMint).count();
  }
}
