package io.github.ghapp.emulator.internal.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reviews and review comments of every pull request, guarded by the lock of the {@link Issues}
 * that owns the pull requests; listeners are told after it is released. A review comment made on
 * its own comes with a review of its own ({@code COMMENTED}, no body), as on GitHub.
 */
public final class Reviews {

  private static final long FIRST_REVIEW_ID = 5_000_000_001L;
  private static final long FIRST_COMMENT_ID = 6_000_000_001L;

  private final Issues issues;
  private final Map<String, List<Review>> reviews = new HashMap<>();
  private final Map<String, List<ReviewComment>> comments = new HashMap<>();
  private long nextReviewId = FIRST_REVIEW_ID;
  private long nextCommentId = FIRST_COMMENT_ID;

  Reviews(Issues issues) {
    this.issues = issues;
  }

  /** A draft of one review comment, before it has an id and a review. */
  public record Draft(
      String body,
      String path,
      Integer line,
      String side,
      Integer startLine,
      String diffHunk,
      Integer position,
      Long inReplyTo) {}

  /**
   * Adds a review with its comments; a submitted one (not {@code PENDING}) is told as {@code
   * submitted}, each comment as {@code created}.
   */
  public Review submit(
      Repository repository,
      PullRequest pull,
      BotUser user,
      String body,
      String state,
      String commitId,
      List<Draft> drafts,
      Instant at) {
    Review review;
    List<ReviewComment> added = new ArrayList<>();
    synchronized (issues) {
      String key = key(repository.id(), pull.number());
      review =
          new Review(
              nextReviewId++,
              repository.id(),
              pull.number(),
              user,
              body,
              state,
              commitId,
              state.equals("PENDING") ? null : at);
      reviews.computeIfAbsent(key, k -> new ArrayList<>()).add(review);
      for (Draft draft : drafts) {
        ReviewComment comment =
            new ReviewComment(
                nextCommentId++,
                repository.id(),
                pull.number(),
                review.id(),
                user,
                draft.body(),
                draft.path(),
                draft.line(),
                draft.side(),
                draft.startLine(),
                commitId,
                draft.diffHunk(),
                draft.position(),
                draft.inReplyTo(),
                at);
        comments.computeIfAbsent(key, k -> new ArrayList<>()).add(comment);
        added.add(comment);
      }
    }
    PullRequest counted = pull;
    if (!added.isEmpty()) {
      int count = added.size();
      counted =
          issues
              .pullRequests()
              .update(repository, pull.number(), user, i -> i, p -> countMore(p, count));
    }
    Issue issue = issues.issue(repository.id(), pull.number()).orElseThrow();
    if (review.submittedAt() != null) {
      issues.notifyReview(review, counted, issue, repository);
    }
    for (ReviewComment comment : added) {
      issues.notifyReviewComment(comment, counted, issue, repository);
    }
    return review;
  }

  public List<Review> reviews(long repositoryId, int pullNumber) {
    synchronized (issues) {
      return List.copyOf(reviews.getOrDefault(key(repositoryId, pullNumber), List.of()));
    }
  }

  public Optional<Review> review(long repositoryId, int pullNumber, long id) {
    return reviews(repositoryId, pullNumber).stream().filter(r -> r.id() == id).findFirst();
  }

  /** The pull request's review comments, oldest first. */
  public List<ReviewComment> comments(long repositoryId, int pullNumber) {
    synchronized (issues) {
      return List.copyOf(comments.getOrDefault(key(repositoryId, pullNumber), List.of()));
    }
  }

  private static PullRequest countMore(PullRequest pull, int count) {
    PullRequest counted = pull;
    for (int i = 0; i < count; i++) {
      counted = counted.withReviewComment();
    }
    return counted;
  }

  private static String key(long repositoryId, int pullNumber) {
    return repositoryId + "#" + pullNumber;
  }
}
