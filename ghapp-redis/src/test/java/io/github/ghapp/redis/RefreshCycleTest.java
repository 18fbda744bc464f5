package io.github.ghapp.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.TokenStore;
import io.github.ghapp.emulator.EmulatorClock;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three hours of a fleet's life on the emulator's clock: with a shared Redis store the fleet mints
 * once per refresh cycle whatever its size; with a store per process, once per process and cycle.
 */
class RefreshCycleTest {
  static final int PROCESSES = 4;
  static final Duration STEP = Duration.ofMinutes(5);
  static final Duration SPAN = Duration.ofHours(3);

  @TempDir Path dir;

  @Test
  void fleetOverThreeHours_mintsOncePerCycleWithRedis_andOncePerProcessWithout() {
    try (RedisServer redis = RedisServer.start(dir);
        GitHubEmulator emu =
            GitHubEmulator.builder()
                .demoState()
                .clock(EmulatorClock.stoppedAt(Instant.now().truncatedTo(ChronoUnit.SECONDS)))
                .build()
                .start()) {
      List<RedisTokenStore> opened = new ArrayList<>();
      long shared =
          mintsOverTheSpan(
              emu,
              () -> {
                RedisTokenStore store =
                    RedisTokenStore.builder()
                        .uri(redis.uri())
                        .sealingKey(Keys.SEALING)
                        .clock(emu.clock())
                        .build();
                opened.add(store);
                return store;
              });
      long separate = mintsOverTheSpan(emu, () -> TokenStore.inMemory(10));
      opened.forEach(RedisTokenStore::close);

      // Tokens live an hour and are refreshed some 15 minutes early: 4 cycles in 3 hours.
      assertThat(shared).isBetween(3L, 5L);
      assertThat(separate).isEqualTo(shared * PROCESSES);
    }
  }

  private static long mintsOverTheSpan(GitHubEmulator emu, Supplier<TokenStore> stores) {
    List<GitHubApp> fleet = new ArrayList<>();
    for (int i = 0; i < PROCESSES; i++) {
      fleet.add(
          GitHubApp.builder()
              .appId(1001)
              .privateKey(emu.app(1001).privateKeyPem())
              .baseUrl(emu.baseUrl())
              .clock(emu.clock())
              .refreshJitter(Duration.ZERO)
              .tokenStore(stores.get())
              .build());
    }
    long before = mints(emu);
    for (Duration t = Duration.ZERO; t.compareTo(SPAN) < 0; t = t.plus(STEP)) {
      for (GitHubApp app : fleet) {
        assertThat(app.tokenProvider(42).token()).startsWith("ghs_");
      }
      emu.clock().advance(STEP);
    }
    return mints(emu) - before;
  }

  private static long mints(GitHubEmulator emu) {
    return emu.requests().stream().filter(RecordedRequest::isMint).count();
  }
}
