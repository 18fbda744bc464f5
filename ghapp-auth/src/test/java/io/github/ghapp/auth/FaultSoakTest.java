package io.github.ghapp.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.RecordedRequest;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault soak: many callers use the library against a real emulator while random faults fire
 * ({@link SoakFaults}), then once more with every fault removed. Nothing may hang, no token may be
 * handed out wider than asked or past its expiry on GitHub's clock ({@link SoakJudge}), every
 * failure must be one of the library's typed exceptions, and once the faults stop every call must
 * succeed. The figures are logged in one block.
 *
 * <p>In {@code mvn verify} it runs {@value #DEFAULT_CALLS} calls under faults. For a long run:
 *
 * <pre>
 * mvn -pl ghapp-auth -am test -Dtest=FaultSoakTest -Dghapp.soak.duration=PT10M -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * Properties: {@code ghapp.soak.duration} (ISO-8601, bounds the faulty phase by the clock instead
 * of by calls), {@code ghapp.soak.calls}, {@code ghapp.soak.callers} and {@code ghapp.soak.seed}
 * (the seed of every random choice, printed in the figures; the callers' interleaving is the
 * scheduler's, so a seed replays the same faults and calls, not the same race).
 */
class FaultSoakTest {
  private static final Logger log = LoggerFactory.getLogger(FaultSoakTest.class);

  static final int DEFAULT_CALLS = 1_600;
  private static final int HEALTHY_CALLS_PER_CALLER = 12;

  /** The library's deadline per request; the soak's delays go past it. */
  private static final Duration DEADLINE = Duration.ofSeconds(3);

  /**
   * How long one call may take before its caller counts as hung: a call may wait for a mint and
   * then send, and a refused token costs another mint and send, each within {@link #DEADLINE}.
   */
  private static final Duration CALL_BOUND = DEADLINE.multipliedBy(10);

  private GitHubEmulator emu;

  @BeforeEach
  void start() {
    // A ticking clock, moved on by the faults: replication lag passes as it does at GitHub.
    emu = GitHubEmulator.builder().demoState().clock(Clock.systemUTC()).build().start();
  }

  @AfterEach
  void stop() {
    emu.stop();
  }

  @Test
  void
      manyCallersUnderRandomFaults_neverHangNorGetAWiderOrExpiredToken_andAllSucceedOnceFaultsStop()
          throws Exception {
    long seed = Long.getLong("ghapp.soak.seed", System.nanoTime());
    int callers = Integer.getInteger("ghapp.soak.callers", 24);
    String duration = System.getProperty("ghapp.soak.duration", "");
    long calls = Long.getLong("ghapp.soak.calls", DEFAULT_CALLS);
    log.info("fault soak seed {} (re-run with -Dghapp.soak.seed={})", seed, seed);

    SoakFigures figures = new SoakFigures();
    SoakWorld world = SoakWorld.create(emu);
    SoakFaults faults = new SoakFaults(emu, seed, figures, DEADLINE, world.installations);
    SoakJudge judge = new SoakJudge(emu, figures, faults);
    faults.judge(judge);
    GitHubApp app =
        EmulatorApps.builder(emu)
            .deadline(DEADLINE)
            .retryBackoff(Duration.ofMillis(20))
            .transport(
                judge.transport(
                    HttpTransport.of(
                        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build())))
            .build();
    judge.app(app);
    SoakCallers soak = new SoakCallers(app, world, judge, faults, figures, CALL_BOUND);

    long started = System.nanoTime();
    String bound;
    faults.start();
    try {
      if (duration.isEmpty()) {
        bound = calls + " calls under faults";
        soak.run(
            figures.faulty, callers, seed, ceilDiv(calls, callers), Long.MAX_VALUE / 2 + started);
      } else {
        Duration d = Duration.parse(duration);
        bound = d + " under faults";
        soak.run(figures.faulty, callers, seed, Long.MAX_VALUE, started + d.toNanos());
      }
    } finally {
      assertThat(faults.stopAndClear()).as("the fault driver stopped").isTrue();
    }
    for (long id : world.installations) {
      emu.unsuspend(id);
    }
    // Past every token's life and into a new rate-limit hour: the callers start over from cold.
    emu.clock().advance(Duration.ofMinutes(61));
    soak.run(
        figures.healthy,
        callers,
        seed + 1,
        HEALTHY_CALLS_PER_CALLER,
        Long.MAX_VALUE / 2 + System.nanoTime());
    soak.shutdown();
    long mints = emu.requests().stream().filter(RecordedRequest::isMint).count();
    long elapsed = Duration.ofNanos(System.nanoTime() - started).toMillis();
    log.info(figures.summary(seed, bound + ", " + callers + " callers", mints, elapsed));

    assertThat(figures.hung.sum()).as("hung callers").isZero();
    assertThat(figures.pastExpiry.sum()).as("tokens handed out past expiry").isZero();
    assertThat(figures.wider.sum()).as("tokens wider than asked").isZero();
    assertThat(figures.unknownTokens.sum()).as("tokens GitHub never issued").isZero();
    assertThat(figures.wrongAnswers.sum()).as("untrue answers").isZero();
    assertThat(figures.faulty.untyped).as("untyped failures under faults").isEmpty();
    assertThat(figures.healthy.untyped).as("untyped failures once faults stopped").isEmpty();
    assertThat(figures.faulty.successes.sum())
        .as("a healthy share of calls succeeds under faults")
        .isGreaterThan(figures.faulty.calls.sum() / 2);
    assertThat(figures.healthy.successes.sum())
        .as("every call succeeds once faults stop")
        .isEqualTo(figures.healthy.calls.sum())
        .isEqualTo((long) callers * HEALTHY_CALLS_PER_CALLER);
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
