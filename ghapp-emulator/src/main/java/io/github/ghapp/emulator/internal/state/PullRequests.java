package io.github.ghapp.emulator.internal.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The pull requests of every repository, each the pull request side of the {@link Issue} of the
 * same number. Guarded by the lock of the {@link Issues} that owns it, so that a number, its issue
 * and its pull request are made and changed together; listeners (the {@link Issues}' own) are told
 * after the lock is released.
 */
public final class PullRequests {

  /** GitHub's pull request ids are a sequence apart from issue ids. */
  private static final long FIRST_PULL_REQUEST_ID = 4_000_000_001L;

  private final Issues issues;
  private final Map<Long, Map<Integer, PullRequest>> byRepository = new HashMap<>();
  private long nextId = FIRST_PULL_REQUEST_ID;

  PullRequests(Issues issues) {
    this.issues = issues;
  }

  /** Opens a pull request with the repository's next issue number; tells {@code opened}. */
  public PullRequest open(
      Repository repository,
      String title,
      String body,
      BotUser author,
      Instant at,
      String headRef,
      String baseRef,
      String headSha,
      String baseSha,
      boolean draft) {
    Issue issue;
    PullRequest pull;
    synchronized (issues) {
      issue = issues.add(repository, title, body, author, at, true);
      pull =
          new PullRequest(
              nextId++,
              repository.id(),
              issue.number(),
              headRef,
              baseRef,
              headSha,
              baseSha,
              false,
              null,
              null,
              draft,
              0);
      byRepository
          .computeIfAbsent(repository.id(), id -> new HashMap<>())
          .put(issue.number(), pull);
    }
    issues.notify(
        List.of(new IssueEvent("opened", issue, repository, author, null, Map.of(), pull, null)));
    return pull;
  }

  public Optional<PullRequest> find(long repositoryId, int number) {
    synchronized (issues) {
      return Optional.ofNullable(byRepository.getOrDefault(repositoryId, Map.of()).get(number));
    }
  }

  /** The repository's pull requests, lowest number first. */
  public List<PullRequest> all(long repositoryId) {
    synchronized (issues) {
      List<PullRequest> all =
          new ArrayList<>(byRepository.getOrDefault(repositoryId, Map.of()).values());
      all.sort(java.util.Comparator.comparingInt(PullRequest::number));
      return all;
    }
  }

  /**
   * The open pull requests whose head is {@code branch} at commit {@code sha}, lowest number first:
   * those a check suite for that branch and commit matches. Closed and merged ones are left out.
   *
   * @param branch null (a suite made when no branch pointed at its commit) matches none
   */
  public List<PullRequest> openWithHead(long repositoryId, String branch, String sha) {
    List<PullRequest> found = new ArrayList<>();
    if (branch == null) {
      return found;
    }
    synchronized (issues) {
      for (PullRequest pull : all(repositoryId)) {
        if (pull.headRef().equals(branch)
            && pull.headSha().equals(sha)
            && issues.issue(repositoryId, pull.number()).orElseThrow().state() == IssueState.OPEN) {
          found.add(pull);
        }
      }
    }
    return found;
  }

  /**
   * Changes a pull request and its issue together and tells what changed: the issue's events
   * ({@code edited}, labels, {@code closed}, {@code reopened}) and, for a new base, {@code edited}
   * with {@code base.ref} and {@code base.sha} as they were.
   *
   * @param change may throw, leaving both as they were
   * @throws IllegalArgumentException when there is no such pull request
   */
  public PullRequest update(
      Repository repository,
      int number,
      BotUser sender,
      UnaryOperator<Issue> issueChange,
      UnaryOperator<PullRequest> change) {
    List<IssueEvent> events;
    PullRequest after;
    synchronized (issues) {
      PullRequest before =
          find(repository.id(), number)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          repository.fullName() + " has no pull request #" + number));
      Issue issueBefore = issues.issue(repository.id(), number).orElseThrow();
      after = change.apply(before);
      Issue issueAfter = issueChange.apply(issueBefore);
      issues.replace(issueAfter);
      byRepository.get(repository.id()).put(number, after);
      events =
          new ArrayList<>(IssueDiff.events(issueBefore, issueAfter, repository, sender, after));
      if (!before.baseRef().equals(after.baseRef())) {
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("base.ref", before.baseRef());
        changes.put("base.sha", before.baseSha());
        events.add(
            0,
            new IssueEvent("edited", issueAfter, repository, sender, null, changes, after, null));
      }
    }
    issues.notify(events);
    return after;
  }

  /**
   * Follows every ref that moves ({@link EmulatorState#onRefUpdate}): a branch that moved (not
   * deleted) is the new head of the open pull requests it heads, whoever moved it (a push, the
   * contents API, a merge).
   */
  public void refUpdated(RefUpdate update) {
    if (update.branch() != null && !update.deleted()) {
      headMoved(update.repository(), update.branch(), update.afterSha(), update.pusher());
    }
  }

  /**
   * A push moved branch {@code branch}: every open pull request with it as head now has {@code sha}
   * as head and is told {@code synchronize}.
   */
  public void headMoved(Repository repository, String branch, String sha, BotUser sender) {
    List<IssueEvent> events = new ArrayList<>();
    synchronized (issues) {
      for (PullRequest pull : byRepository.getOrDefault(repository.id(), Map.of()).values()) {
        Issue issue = issues.issue(repository.id(), pull.number()).orElseThrow();
        if (!pull.headRef().equals(branch)
            || issue.state() != IssueState.OPEN
            || pull.headSha().equals(sha)) {
          continue;
        }
        PullRequest moved = pull.withHead(sha);
        byRepository.get(repository.id()).put(pull.number(), moved);
        events.add(
            new IssueEvent(
                "synchronize", issue, repository, sender, null, Map.of(), moved, pull.headSha()));
      }
    }
    issues.notify(events);
  }
}
