package io.github.ghapp.emulator.internal.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * The issues, comments, labels and pull requests of every repository. Numbers count from 1 per
 * repository, issues and pull requests sharing one sequence; ids are global, as on GitHub. Kept
 * apart from {@link EmulatorState} because they are the only state that API callers (rather than
 * the test or the state file) create.
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
  private final Labels labels = new Labels();
  private final PullRequests pullRequests = new PullRequests(this);
  private final Reviews reviews = new Reviews(this);
  private long nextIssueId = FIRST_ISSUE_ID;
  private long nextCommentId = FIRST_COMMENT_ID;

  public void addListener(IssueListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** The pull requests, numbered from this object's sequences and guarded by its lock. */
  public PullRequests pullRequests() {
    return pullRequests;
  }

  /** The pull requests' reviews and review comments, guarded by this object's lock. */
  public Reviews reviews() {
    return reviews;
  }

  /** Opens an issue with the repository's next number. */
  public Issue open(Repository repository, String title, String body, BotUser author, Instant at) {
    Issue issue;
    synchronized (this) {
      issue = add(repository, title, body, author, at, false);
    }
    listeners.forEach(l -> l.issueOpened(issue, repository));
    return issue;
  }

  /** Under this object's lock: stores a new issue with the repository's next number. */
  Issue add(
      Repository repository,
      String title,
      String body,
      BotUser author,
      Instant at,
      boolean isPullRequest) {
    List<Issue> issues =
        issuesByRepository.computeIfAbsent(repository.id(), id -> new ArrayList<>());
    Issue issue =
        Issue.opened(
            nextIssueId++,
            repository.id(),
            issues.size() + 1,
            title,
            body,
            author,
            at,
            isPullRequest);
    issues.add(issue);
    return issue;
  }

  /** Under this object's lock: replaces a stored issue by its changed record. */
  void replace(Issue changed) {
    issuesByRepository.get(changed.repositoryId()).set(changed.number() - 1, changed);
  }

  /**
   * Changes issue {@code number} and tells the listeners what changed, one event each: {@code
   * edited} (title or body), {@code labeled}/{@code unlabeled} per label, then {@code closed} or
   * {@code reopened}. A change that changes nothing tells nothing.
   *
   * @param change may throw (an {@code ApiException}), leaving the issue as it was
   * @throws IllegalArgumentException when the repository has no such issue
   */
  public Issue update(
      Repository repository, int number, BotUser sender, UnaryOperator<Issue> change) {
    Issue before;
    Issue after;
    PullRequest pull;
    synchronized (this) {
      before = require(repository, number);
      after = change.apply(before);
      replace(after);
      pull = pullRequests.find(repository.id(), number).orElse(null);
    }
    notify(IssueDiff.events(before, after, repository, sender, pull));
    return after;
  }

  void notifyReview(Review review, PullRequest pull, Issue issue, Repository repository) {
    listeners.forEach(l -> l.reviewSubmitted(review, pull, issue, repository));
  }

  void notifyReviewComment(
      ReviewComment comment, PullRequest pull, Issue issue, Repository repository) {
    listeners.forEach(l -> l.reviewCommentCreated(comment, pull, issue, repository));
  }

  void notify(List<IssueEvent> events) {
    for (IssueEvent event : events) {
      listeners.forEach(l -> l.issueChanged(event));
    }
  }

  /** The repository's labels, GitHub's defaults first. */
  public synchronized List<Label> labels(long repositoryId) {
    return labels.all(repositoryId);
  }

  public synchronized Optional<Label> label(long repositoryId, String name) {
    return labels.find(repositoryId, name);
  }

  /** The labels of these names, created with GitHub's grey when the repository lacks them. */
  public synchronized List<Label> resolveLabels(long repositoryId, List<String> names) {
    return labels.resolve(repositoryId, names);
  }

  /**
   * @return empty when a label of that name (in any case) exists
   */
  public synchronized Optional<Label> createLabel(
      long repositoryId, String name, String color, String description) {
    if (labels.find(repositoryId, name).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(labels.create(repositoryId, name, color, description));
  }

  private Issue require(Repository repository, int number) {
    return issue(repository.id(), number)
        .orElseThrow(
            () -> new IllegalArgumentException(repository.fullName() + " has no issue #" + number));
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
      Issue issue = require(repository, number);
      comment = new IssueComment(nextCommentId++, repository.id(), number, body, author, at);
      commentsByIssue.computeIfAbsent(issue.id(), id -> new ArrayList<>()).add(comment);
      updated = issue.withComment(at);
      replace(updated);
    }
    listeners.forEach(l -> l.commentCreated(comment, updated, repository));
    return comment;
  }

  /** The issue's comments, oldest first. */
  public synchronized List<IssueComment> comments(Issue issue) {
    return List.copyOf(commentsByIssue.getOrDefault(issue.id(), List.of()));
  }
}
