package io.github.ghapp.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The fault soak's callers: each on its own thread, making random calls of the library (tokens
 * scoped and not, with and without a minimum validity, REST calls through installation clients,
 * look-ups, fresh tokens minted and revoked) one after another. Every call runs on a worker and is
 * waited for at most {@code callBound} ({@link Future#get(long, TimeUnit)}); one that takes longer
 * is a hung caller, which stops there.
 */
final class SoakCallers {

  /** A call's answer was untrue (a wrong installation or repository): a finding. */
  static final class WrongAnswer extends RuntimeException {
    WrongAnswer(String message) {
      super(message);
    }
  }

  private final GitHubApp app;
  private final SoakWorld world;
  private final SoakJudge judge;
  private final SoakFaults faults;
  private final SoakFigures figures;
  private final Duration callBound;
  private final ExecutorService workers =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "soak-call");
            t.setDaemon(true); // a hung call must not keep the test JVM alive
            return t;
          });

  SoakCallers(
      GitHubApp app,
      SoakWorld world,
      SoakJudge judge,
      SoakFaults faults,
      SoakFigures figures,
      Duration callBound) {
    this.app = app;
    this.world = world;
    this.judge = judge;
    this.faults = faults;
    this.figures = figures;
    this.callBound = callBound;
  }

  /**
   * Runs {@code callers} callers, each until it has made {@code calls} calls or {@code untilNanos}
   * ({@link System#nanoTime()}) has passed, and waits for them all (bounded).
   */
  void run(SoakFigures.Phase phase, int callers, long seed, long calls, long untilNanos)
      throws InterruptedException {
    CountDownLatch done = new CountDownLatch(callers);
    for (int i = 0; i < callers; i++) {
      Random random = new Random(seed * 1_000_003 + i);
      Thread caller =
          new Thread(
              () -> {
                try {
                  for (long n = 0; n < calls && System.nanoTime() - untilNanos < 0; n++) {
                    if (!call(phase, random)) {
                      return;
                    }
                  }
                } finally {
                  done.countDown();
                }
              },
              "soak-caller-" + i);
      caller.setDaemon(true);
      caller.start();
    }
    // Each caller's calls are bounded one by one; this only guards against a bug in this class.
    long bound = callBound.toNanos();
    long budget =
        Math.min(
            Math.max(0, untilNanos - System.nanoTime()),
            calls > Long.MAX_VALUE / 4 / bound ? Long.MAX_VALUE / 4 : calls * bound);
    if (!done.await(budget + bound * 2, TimeUnit.NANOSECONDS)) {
      figures.finding(figures.hung, "hung caller", done.getCount() + " callers never finished");
    }
  }

  void shutdown() {
    workers.shutdownNow();
  }

  /** One call; false when it hung, which ends its caller. */
  private boolean call(SoakFigures.Phase phase, Random random) {
    int kind = random.nextInt(100);
    SoakWorld.Target target = world.targets.get(random.nextInt(world.targets.size()));
    AtomicReference<Thread> worker = new AtomicReference<>();
    Future<?> future =
        workers.submit(
            () -> {
              worker.set(Thread.currentThread());
              judge.begin(target);
              try {
                callOfKind(kind, target, random);
              } finally {
                judge.end();
              }
              return null;
            });
    phase.calls.increment();
    try {
      future.get(callBound.toMillis(), TimeUnit.MILLISECONDS);
      phase.successes.increment();
    } catch (ExecutionException e) {
      classify(phase, e.getCause());
    } catch (TimeoutException e) {
      Thread stuck = worker.get();
      figures.finding(
          figures.hung,
          "hung call",
          "call kind "
              + kind
              + " on "
              + target.describe()
              + " waited more than "
              + callBound
              + (stuck == null ? "" : " at " + frames(stuck.getStackTrace())));
      future.cancel(true);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      faults.callDone();
    }
    return true;
  }

  private void callOfKind(int kind, SoakWorld.Target target, Random random) {
    long id = target.installationId();
    TokenRequest request = target.request();
    if (kind < 30) {
      judge.judge(app.tokenProvider(id, request).token());
    } else if (kind < 35) {
      Duration minValidity = Duration.ofMinutes(1 + random.nextInt(10));
      judge.judge(app.tokenProvider(id, request).installationToken(minValidity).token());
    } else if (kind < 60) {
      String repo = target.reach().get(random.nextInt(target.reach().size()));
      JsonNode answer =
          app.installationClient(id, request)
              .request("GET /repos/{owner}/{repo}", Map.of("owner", target.owner(), "repo", repo));
      expect(answer.path("full_name").asText(), target.owner() + "/" + repo, target);
    } else if (kind < 75) {
      JsonNode answer =
          app.installationClient(id, request).request("GET /installation/repositories");
      List<String> reach =
          target.reach().stream().map(r -> target.owner() + "/" + r).collect(Collectors.toList());
      for (JsonNode repo : answer.path("repositories")) {
        if (!reach.contains(repo.path("full_name").asText())) {
          throw new WrongAnswer(target.describe() + " listed " + repo.path("full_name").asText());
        }
      }
    } else if (kind < 90) {
      SoakWorld.Lookup lookup = world.lookups.get(random.nextInt(world.lookups.size()));
      long found = SoakWorld.find(app, lookup);
      if (found != lookup.expected()) {
        throw new WrongAnswer(lookup + " found installation " + found);
      }
    } else {
      InstallationToken token = app.createToken(id, request);
      judge.judge(token.token());
      judge.revoked(token.token());
      app.revoke(token);
    }
  }

  private static void expect(String actual, String expected, SoakWorld.Target target) {
    if (!actual.equals(expected)) {
      throw new WrongAnswer(target.describe() + " answered " + actual + " for " + expected);
    }
  }

  private void classify(SoakFigures.Phase phase, Throwable failure) {
    if (failure instanceof WrongAnswer wrong) {
      figures.finding(figures.wrongAnswers, "wrong answer", wrong.getMessage());
    } else if (failure instanceof GitHubException) {
      String type = failure.getClass().getSimpleName();
      SoakFigures.count(phase.typed, type);
      figures.typedExamples.putIfAbsent(type, failure.getMessage());
    } else {
      SoakFigures.count(phase.untyped, failure.getClass().getName());
      figures.examples.putIfAbsent(
          "untyped " + failure.getClass().getSimpleName(),
          failure + " at " + frames(failure.getStackTrace()));
    }
  }

  private static String frames(StackTraceElement[] stack) {
    return Arrays.stream(stack)
        .limit(8)
        .map(StackTraceElement::toString)
        .collect(Collectors.joining(" < "));
  }
}
