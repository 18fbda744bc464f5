package io.github.ghapp.emulator.internal.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The commit statuses of every repository, and GitHub's combined state of a commit's latest status
 * per context. Thread safety as {@link Checks}: one lock, listeners after it.
 */
public final class CommitStatuses {

  /** GitHub's documented limit of statuses per commit and context. */
  public static final int MAX_PER_CONTEXT = 1000;

  private static final long FIRST_STATUS_ID = 700_000_001L;

  private final List<CommitStatus> statuses = new ArrayList<>();
  private final List<StatusListener> listeners = new CopyOnWriteArrayList<>();
  private long nextId = FIRST_STATUS_ID;

  /** Told about each new status after it is stored, outside the lock. */
  public interface StatusListener {
    void statusCreated(CommitStatus status, Repository repository);
  }

  public void addListener(StatusListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Stores a status.
   *
   * @return null when the commit's context already has {@link #MAX_PER_CONTEXT} statuses
   */
  public CommitStatus create(
      Repository repository,
      String sha,
      String state,
      String targetUrl,
      String description,
      String context,
      BotUser creator,
      Instant at) {
    CommitStatus status;
    synchronized (this) {
      long same =
          statuses.stream()
              .filter(
                  s ->
                      s.repositoryId() == repository.id()
                          && s.sha().equals(sha)
                          && s.context().equals(context))
              .count();
      if (same >= MAX_PER_CONTEXT) {
        return null;
      }
      status =
          new CommitStatus(
              nextId++, repository.id(), sha, state, targetUrl, description, context, creator, at);
      statuses.add(status);
    }
    listeners.forEach(l -> l.statusCreated(status, repository));
    return status;
  }

  /** A commit's statuses, newest first, as GitHub lists them. */
  public synchronized List<CommitStatus> on(long repositoryId, String sha) {
    List<CommitStatus> found = new ArrayList<>();
    for (CommitStatus status : statuses) {
      if (status.repositoryId() == repositoryId && status.sha().equals(sha)) {
        found.add(status);
      }
    }
    found.sort(Comparator.comparingLong(CommitStatus::id).reversed());
    return found;
  }

  /**
   * Each context's newest status, in the order the contexts first reported (unconfirmed: GitHub
   * documents no order).
   */
  public List<CommitStatus> latestPerContext(long repositoryId, String sha) {
    Map<String, CommitStatus> latest = new LinkedHashMap<>();
    List<CommitStatus> oldestFirst = new ArrayList<>(on(repositoryId, sha));
    oldestFirst.sort(Comparator.comparingLong(CommitStatus::id));
    for (CommitStatus status : oldestFirst) {
      latest.put(status.context(), status);
    }
    return List.copyOf(latest.values());
  }

  /**
   * GitHub's combined state: {@code failure} if any context's latest is {@code error} or {@code
   * failure}, else {@code pending} if there are none or one is {@code pending}, else {@code
   * success}.
   */
  public static String combinedState(List<CommitStatus> latest) {
    if (latest.stream().anyMatch(s -> s.state().equals("error") || s.state().equals("failure"))) {
      return "failure";
    }
    if (latest.isEmpty() || latest.stream().anyMatch(s -> s.state().equals("pending"))) {
      return "pending";
    }
    return "success";
  }
}
