package io.github.ghapp.emulator.internal.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The issues and comments of every repository. Numbers count from 1 per repository; ids are global,
 * as on GitHub. Kept apart from {@link EmulatorState} because they are the only state that API
 * callers (rather than the test or the state file) create.
 *
 * <p>Thread safety: every read and write holds this object's lock; the sets are small and the work
 * under the lock is a map access. Listeners run after the lock is released.
 */
public final class Issues {

  /**
   * Ids start high enough to look like GitHub's and low enough for GraphQL's 32-bit {@code
   * databaseId}.
   */
  private static final long FIRST_ISSUE_ID = 1_000_000_001L;

  private static final long FIRST_COMMENT_ID = 2_000_000_001L;

  private final Map<Long, List<Issue>> issuesByRepository = new HashMap<>();
  private final Map<Long, List<IssueComment>> commentsByIssue = new HashMap<>();
  private final List<IssueListener> listeners = new CopyOnWriteArrayList<>();
  private long nextIssueId = FIRST_ISSUE_ID;
  private long nextCommentId = FIRST_COMMENT_ID;

  public void addListener(IssueListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Opens an issue with the repository's next number. */
  public Issue open(Repository repository, String title, String body, BotUser author, Instant at) {
    Issue issue;
    synchronized (this) {
      List<Issue> issues =
          issuesByRepository.computeIfAbsent(repository.id(), id -> new ArrayList<>());
      issue =
          new Issue(
              nextIssueId++,
              repository.id(),
              issues.size() + 1,
              title,
              body,
              IssueState.OPEN,
              author,
              0,
              at,
              at,
              null);
      issues.add(issue);
    }
    listeners.forEach(l -> l.issueOpened(issue, repository));
    return issue;
  }

  public synchronized Optional<Issue> issue(long repositoryId, int number) {
    List<Issue> issues = issuesByRepository.getOrDefault(repositoryId, List.of());
    return number < 1 || number > issues.size()
        ? Optional.empty()
        : Optional.of(issues.get(number - 1));
  }

  /** The repository's issues, oldest (lowest number) first. */
  public synchronized List<Issue> issues(long repositoryId) {
    return List.copyOf(issuesByRepository.getOrDefault(repositoryId, List.of()));
  }

  /**
   * Adds a comment to issue {@code number}, counting it on the issue.
   *
   * @throws IllegalArgumentException when the repository has no such issue
   */
  public IssueComment comment(
      Repository repository, int number, String body, BotUser author, Instant at) {
    IssueComment comment;
    Issue updated;
    synchronized (this) {
      Issue issue =
          issue(repository.id(), number)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          repository.fullName() + " has no issue #" + number));
      comment = new IssueComment(nextCommentId++, repository.id(), number, body, author, at);
      commentsByIssue.computeIfAbsent(issue.id(), id -> new ArrayList<>()).add(comment);
      updated = issue.withComment(at);
      issuesByRepository.get(repository.id()).set(number - 1, updated);
    }
    listeners.forEach(l -> l.commentCreated(comment, updated, repository));
    return comment;
  }

  /** The issue's comments, oldest first. */
  public synchronized List<IssueComment> comments(Issue issue) {
    return List.copyOf(commentsByIssue.getOrDefault(issue.id(), List.of()));
  }
}
