package io.github.ghapp.auth;

import io.github.ghapp.emulator.Faults;
import io.github.ghapp.emulator.GitHubEmulator;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fault soak's driver: on its own thread, every {@link #OPS_PER_WINDOW} calls the callers
 * finish, it undoes the last window's faults and fires a random new set from its seeded {@link
 * Random}: 5xx bursts, connection resets, delays past the library's deadline, replication lag,
 * spent rate limits, suspensions, revocations of tokens in use, clock skew up to 10 minutes either
 * way, the clock moving on (past token lifetimes too) and shorter token lifetimes. It waits for the
 * callers' calls on a semaphore, never by sleeping, and for at most {@link #WINDOW_WAIT} when they
 * are all held up.
 *
 * <p>The clock offset is published seqlock-style ({@link #skewGeneration()} is odd while it
 * changes), so that {@link SoakJudge} can tell whether GitHub's clock moved during a call.
 */
final class SoakFaults {

  static final int OPS_PER_WINDOW = 40;
  private static final Duration WINDOW_WAIT = Duration.ofSeconds(2);
  private static final int[] SERVER_ERRORS = {500, 502, 503, 504};
  private static final Duration[] LIFETIMES = {
    Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(30), Duration.ofHours(1)
  };

  private final GitHubEmulator emu;
  private final Random random;
  private final SoakFigures figures;
  private final Duration delayPastDeadline;
  private final List<Long> installations;
  private final Semaphore callsDone = new Semaphore(0);
  private final AtomicLong skewGeneration = new AtomicLong();
  private volatile Duration clockOffset = Duration.ZERO;
  private volatile boolean stopping;
  private SoakJudge judge;
  private Thread thread;

  // The driver thread's own: what the last window did that the next one undoes.
  private Long exhausted;
  private Long suspended;
  private Duration lifetime = Duration.ofHours(1);

  SoakFaults(
      GitHubEmulator emu,
      long seed,
      SoakFigures figures,
      Duration deadline,
      List<Long> installations) {
    this.emu = emu;
    this.random = new Random(seed);
    this.figures = figures;
    this.delayPastDeadline = deadline.plusMillis(300);
    this.installations = installations;
  }

  void judge(SoakJudge judge) {
    this.judge = judge;
  }

  /** Told by a caller after each call, to pace the windows. */
  void callDone() {
    callsDone.release();
  }

  long skewGeneration() {
    return skewGeneration.get();
  }

  Duration clockOffset() {
    return clockOffset;
  }

  void start() {
    thread = new Thread(this::run, "soak-faults");
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops firing and removes every fault; false when the driver did not stop in time. */
  boolean stopAndClear() throws InterruptedException {
    stopping = true;
    thread.interrupt();
    thread.join(Duration.ofSeconds(90).toMillis()); // a revocation under faults, at most
    boolean stopped = !thread.isAlive();
    undoWindow();
    skew(Duration.ZERO);
    emu.faults().clear();
    return stopped;
  }

  private void run() {
    while (!stopping) {
      undoWindow();
      fireWindow();
      try {
        callsDone.tryAcquire(OPS_PER_WINDOW, WINDOW_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void undoWindow() {
    Faults f = emu.faults();
    f.failNext(0, 500).resetNext(0).delayNext(0, Duration.ZERO).replicationLag(Duration.ZERO);
    if (exhausted != null) {
      f.restoreRateLimit(exhausted);
      exhausted = null;
    }
    if (suspended != null) {
      emu.unsuspend(suspended);
      suspended = null;
    }
  }

  private void fireWindow() {
    Faults f = emu.faults();
    if (chance(0.35)) {
      int n = 1 + random.nextInt(4);
      f.failNext(n, SERVER_ERRORS[random.nextInt(SERVER_ERRORS.length)]);
      figures.fault("5xx", n);
    }
    if (chance(0.25)) {
      int n = 1 + random.nextInt(3);
      f.resetNext(n);
      figures.fault("connection reset", n);
    }
    if (chance(0.10)) {
      int n = 1 + random.nextInt(2);
      f.delayNext(n, delayPastDeadline);
      figures.fault("delay past deadline", n);
    }
    if (chance(0.15)) {
      f.replicationLag(Duration.ofMillis(200 + random.nextInt(1300)));
      figures.fault("replication lag", 1);
    }
    if (chance(0.10)) {
      exhausted = any(installations);
      f.exhaustRateLimit(exhausted, random.nextBoolean() ? 403 : 429);
      figures.fault("rate limit spent", 1);
    }
    if (chance(0.08)) {
      suspended = any(installations);
      emu.suspend(suspended);
      figures.fault("suspension", 1);
    }
    if (chance(0.20)) {
      revokeOneInUse();
    }
    if (chance(0.06)) {
      skew(Duration.ofSeconds(random.nextInt(1201) - 600));
      figures.fault("clock skew", 1);
    }
    if (chance(0.10)) {
      emu.clock().advance(Duration.ofSeconds(60 + random.nextInt(20 * 60)));
      figures.fault("clock advance", 1);
    }
    if (chance(0.03)) {
      emu.clock().advance(lifetime.plusMinutes(1));
      figures.fault("clock past token lifetime", 1);
    }
    if (chance(0.05)) {
      lifetime = LIFETIMES[random.nextInt(LIFETIMES.length)];
      f.tokenLifetime(lifetime);
      figures.fault("token lifetime", 1);
    }
  }

  /** Revokes a token callers hold, the way GitHub offers: {@code DELETE /installation/token}. */
  private void revokeOneInUse() {
    String token = judge.anySeen(random);
    if (token == null) {
      return;
    }
    judge.revoked(token);
    try {
      GitHubClient.revoke(emu.baseUrl(), token);
      figures.fault("revocation", 1);
    } catch (GitHubException e) {
      figures.fault("revocation refused (" + e.getClass().getSimpleName() + ")", 1);
    }
  }

  /** Moves GitHub's clock; odd generations mark the change under way. */
  private void skew(Duration offset) {
    skewGeneration.incrementAndGet();
    emu.faults().clockOffset(offset);
    clockOffset = offset;
    skewGeneration.incrementAndGet();
  }

  private boolean chance(double p) {
    return random.nextDouble() < p;
  }

  private long any(List<Long> ids) {
    return ids.get(random.nextInt(ids.size()));
  }
}
