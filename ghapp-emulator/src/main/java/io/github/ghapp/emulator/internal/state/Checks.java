package io.github.ghapp.emulator.internal.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The check suites and check runs of every repository. GitHub keeps one suite per app and head
 * commit: a run joins its app's suite for the commit, which is made on the first run (or by a push,
 * or by {@code POST /check-suites}). A suite's status and conclusion are not stored but follow from
 * its runs ({@link #summary}), so they can never disagree with them.
 *
 * <p>Thread safety: every read and write holds this object's lock (the maps are small, the work a
 * map access); listeners run after it is released, in the order the changes happened.
 */
public final class Checks {

  /**
   * The order in which a suite takes its conclusion from its runs, highest first. GitHub documents
   * only that the highest priority wins, with one example (timed_out over success and neutral); the
   * rest of the order is its documentation's list order, except that skipped and stale rank below
   * success, as a workflow with skipped jobs still succeeds (unconfirmed).
   */
  static final List<String> CONCLUSION_PRIORITY =
      List.of(
          "action_required",
          "cancelled",
          "timed_out",
          "failure",
          "neutral",
          "success",
          "skipped",
          "stale");

  /** Ids in ranges of their own, within GraphQL's 32-bit {@code databaseId}. */
  private static final long FIRST_SUITE_ID = 500_000_001L;

  private static final long FIRST_RUN_ID = 600_000_001L;

  private final Map<Long, CheckSuite> suites = new LinkedHashMap<>();
  private final Map<Long, CheckRun> runs = new LinkedHashMap<>();
  private final List<CheckListener> listeners = new CopyOnWriteArrayList<>();
  private long nextSuiteId = FIRST_SUITE_ID;
  private long nextRunId = FIRST_RUN_ID;

  public void addListener(CheckListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** What a suite's runs add up to. */
  public record Summary(String status, String conclusion, int latestRunsCount) {}

  /** A suite made, or the one that already existed for the app and commit. */
  public record SuiteFound(CheckSuite suite, boolean created) {}

  // ---- runs

  /**
   * Creates a run in its app's suite for the commit, making the suite first if there is none.
   *
   * @param change the request's fields; {@code name} is required
   */
  public CheckRun createRun(
      Repository repository,
      App app,
      String headSha,
      String headBranch,
      CheckRunChange change,
      Instant at) {
    CheckRun run;
    CheckSuite suite;
    boolean suiteCompleted;
    synchronized (this) {
      suite = findOrCreate(repository, app.id(), headSha, headBranch, null, null, at).suite();
      String before = summary(suite).status();
      CheckRun blank =
          new CheckRun(
              nextRunId++,
              suite.id(),
              repository.id(),
              app.id(),
              headSha,
              change.name(),
              CheckRun.QUEUED,
              null,
              null,
              null,
              at,
              null,
              CheckRun.CheckOutput.NONE,
              suite.generation());
      run = change.applyTo(blank, at);
      runs.put(run.id(), run);
      suite = suite.touched(at);
      suites.put(suite.id(), suite);
      suiteCompleted = becameCompleted(before, suite);
    }
    CheckSuite finalSuite = suite;
    CheckRun created = run;
    listeners.forEach(l -> l.checkRunCreated(created, finalSuite, repository));
    if (created.isCompleted()) {
      listeners.forEach(l -> l.checkRunCompleted(created, finalSuite, repository));
    }
    if (suiteCompleted) {
      listeners.forEach(l -> l.checkSuiteCompleted(finalSuite, repository));
    }
    return created;
  }

  /**
   * Applies an update to a run.
   *
   * @throws IllegalArgumentException when the repository has no run with this id
   */
  public CheckRun updateRun(Repository repository, long runId, CheckRunChange change, Instant at) {
    CheckRun updated;
    CheckSuite suite;
    boolean runCompleted;
    boolean suiteCompleted;
    synchronized (this) {
      CheckRun current =
          run(repository.id(), runId)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          repository.fullName() + " has no check run " + runId));
      suite = suites.get(current.suiteId());
      String before = summary(suite).status();
      updated = change.applyTo(current, at);
      runs.put(runId, updated);
      suite = suite.touched(at);
      suites.put(suite.id(), suite);
      runCompleted = updated.isCompleted() && !current.isCompleted();
      suiteCompleted = becameCompleted(before, suite);
    }
    CheckRun run = updated;
    CheckSuite finalSuite = suite;
    if (runCompleted) {
      listeners.forEach(l -> l.checkRunCompleted(run, finalSuite, repository));
    }
    if (suiteCompleted) {
      listeners.forEach(l -> l.checkSuiteCompleted(finalSuite, repository));
    }
    return run;
  }

  public synchronized Optional<CheckRun> run(long repositoryId, long runId) {
    CheckRun run = runs.get(runId);
    return run == null || run.repositoryId() != repositoryId ? Optional.empty() : Optional.of(run);
  }

  /** The runs on a commit, newest first. */
  public synchronized List<CheckRun> runsOn(long repositoryId, String sha) {
    List<CheckRun> found = new ArrayList<>();
    for (CheckRun run : runs.values()) {
      if (run.repositoryId() == repositoryId && run.headSha().equals(sha)) {
        found.add(run);
      }
    }
    found.sort(Comparator.comparingLong(CheckRun::id).reversed());
    return found;
  }

  /** The runs of a suite, newest first. */
  public synchronized List<CheckRun> runsOf(CheckSuite suite) {
    List<CheckRun> found = new ArrayList<>();
    for (CheckRun run : runs.values()) {
      if (run.suiteId() == suite.id()) {
        found.add(run);
      }
    }
    found.sort(Comparator.comparingLong(CheckRun::id).reversed());
    return found;
  }

  /**
   * Of each name, the newest run only: GitHub's {@code filter=latest}, and what a suite sums up.
   */
  public static List<CheckRun> latestByName(List<CheckRun> newestFirst) {
    Map<String, CheckRun> latest = new LinkedHashMap<>();
    for (CheckRun run : newestFirst) {
      latest.putIfAbsent(run.suiteId() + "/" + run.name(), run);
    }
    return List.copyOf(latest.values());
  }

  // ---- suites

  /**
   * The app's suite for the commit, made now if there is none ({@code POST /check-suites}; no
   * webhook, as a suite made this way is not a request to run checks).
   */
  public synchronized SuiteFound createSuite(
      Repository repository, long appId, String headSha, String headBranch, Instant at) {
    return findOrCreate(repository, appId, headSha, headBranch, null, null, at);
  }

  /**
   * Asks the suite's app to check its commit again: GitHub resets the suite to queued with no
   * conclusion, so only runs made from now on count.
   *
   * @throws IllegalArgumentException when the repository has no suite with this id
   */
  public CheckSuite rerequest(Repository repository, long suiteId, BotUser sender, Instant at) {
    CheckSuite suite;
    synchronized (this) {
      suite =
          suite(repository.id(), suiteId)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          repository.fullName() + " has no check suite " + suiteId))
              .rerequested(at);
      suites.put(suite.id(), suite);
    }
    CheckSuite rerequested = suite;
    listeners.forEach(l -> l.checkSuiteRerequested(rerequested, repository, sender));
    return rerequested;
  }

  /**
   * A push asks the app to check the commit it moved a branch to: the app's suite for the commit,
   * made now, and {@code check_suite requested}. A commit the app already has a suite for (pushed
   * to a second branch) is not requested again (unconfirmed).
   */
  public Optional<CheckSuite> requestSuite(
      Repository repository,
      long appId,
      String headSha,
      String branch,
      String before,
      BotUser sender,
      Instant at) {
    SuiteFound found;
    synchronized (this) {
      found = findOrCreate(repository, appId, headSha, branch, before, headSha, at);
    }
    if (!found.created()) {
      return Optional.empty();
    }
    listeners.forEach(l -> l.checkSuiteRequested(found.suite(), repository, sender));
    return Optional.of(found.suite());
  }

  public synchronized Optional<CheckSuite> suite(long repositoryId, long suiteId) {
    CheckSuite suite = suites.get(suiteId);
    return suite == null || suite.repositoryId() != repositoryId
        ? Optional.empty()
        : Optional.of(suite);
  }

  /** The suites on a commit, in the order they were made. */
  public synchronized List<CheckSuite> suitesOn(long repositoryId, String sha) {
    List<CheckSuite> found = new ArrayList<>();
    for (CheckSuite suite : suites.values()) {
      if (suite.repositoryId() == repositoryId && suite.headSha().equals(sha)) {
        found.add(suite);
      }
    }
    return found;
  }

  /**
   * The suite's status and conclusion from its current runs: queued while it has none or all are
   * queued, completed when all have completed (the conclusion the highest of theirs), else
   * in_progress.
   */
  public synchronized Summary summary(CheckSuite suite) {
    List<CheckRun> current = new ArrayList<>();
    for (CheckRun run : latestByName(runsOf(suite))) {
      if (run.generation() == suite.generation()) {
        current.add(run);
      }
    }
    if (current.isEmpty() || current.stream().allMatch(r -> r.status().equals(CheckRun.QUEUED))) {
      return new Summary(CheckRun.QUEUED, null, current.size());
    }
    if (!current.stream().allMatch(CheckRun::isCompleted)) {
      return new Summary(CheckRun.IN_PROGRESS, null, current.size());
    }
    String conclusion =
        current.stream()
            .map(CheckRun::conclusion)
            .min(Comparator.comparingInt(Checks::priority))
            .orElseThrow();
    return new Summary(CheckRun.COMPLETED, conclusion, current.size());
  }

  private static int priority(String conclusion) {
    int index = CONCLUSION_PRIORITY.indexOf(conclusion);
    return index < 0 ? CONCLUSION_PRIORITY.size() : index;
  }

  private SuiteFound findOrCreate(
      Repository repository,
      long appId,
      String headSha,
      String headBranch,
      String before,
      String after,
      Instant at) {
    for (CheckSuite suite : suites.values()) {
      if (suite.repositoryId() == repository.id()
          && suite.appId() == appId
          && suite.headSha().equals(headSha)) {
        return new SuiteFound(suite, false);
      }
    }
    CheckSuite suite =
        new CheckSuite(
            nextSuiteId++, repository.id(), appId, headSha, headBranch, before, after, at, at, 0);
    suites.put(suite.id(), suite);
    return new SuiteFound(suite, true);
  }

  private boolean becameCompleted(String statusBefore, CheckSuite suite) {
    return !statusBefore.equals(CheckRun.COMPLETED)
        && summary(suite).status().equals(CheckRun.COMPLETED);
  }
}
