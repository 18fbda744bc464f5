package io.github.ghapp.emulator.internal.state;

import java.util.Objects;

/**
 * The pull request side of an {@link Issue} of the same number (title, body, state, labels and
 * comments live there, as on GitHub). Immutable: a change replaces the record in {@link
 * PullRequests}.
 *
 * @param id GitHub gives a pull request an id of its own, not its issue's
 * @param headRef the branch with the changes, without {@code refs/heads/}
 * @param baseRef the branch they are to be merged into
 * @param headSha the head branch's commit as last seen (opened, pushed to, merged)
 * @param baseSha the base branch's commit when the pull request was opened or last merged
 * @param mergeCommitSha the commit the merge made on the base branch, else null
 * @param mergedBy who merged it, else null
 * @param reviewComments how many review comments it has
 */
public record PullRequest(
    long id,
    long repositoryId,
    int number,
    String headRef,
    String baseRef,
    String headSha,
    String baseSha,
    boolean merged,
    String mergeCommitSha,
    BotUser mergedBy,
    boolean draft,
    int reviewComments) {

  public PullRequest {
    Objects.requireNonNull(headRef, "headRef");
    Objects.requireNonNull(baseRef, "baseRef");
    Objects.requireNonNull(headSha, "headSha");
    Objects.requireNonNull(baseSha, "baseSha");
  }

  public PullRequest withHead(String sha) {
    return with(baseRef, sha, baseSha, merged, mergeCommitSha, mergedBy, reviewComments);
  }

  public PullRequest withBase(String ref, String sha) {
    return with(ref, headSha, sha, merged, mergeCommitSha, mergedBy, reviewComments);
  }

  public PullRequest withReviewComment() {
    return with(baseRef, headSha, baseSha, merged, mergeCommitSha, mergedBy, reviewComments + 1);
  }

  public PullRequest mergedAs(String commit, String baseBefore, BotUser by) {
    return with(baseRef, headSha, baseBefore, true, commit, by, reviewComments);
  }

  /** A copy with what changes; the id, repository, number, head branch and draft flag stay. */
  private PullRequest with(
      String baseRef,
      String headSha,
      String baseSha,
      boolean merged,
      String mergeCommitSha,
      BotUser mergedBy,
      int reviewComments) {
    return new PullRequest(
        id,
        repositoryId,
        number,
        headRef,
        baseRef,
        headSha,
        baseSha,
        merged,
        mergeCommitSha,
        mergedBy,
        draft,
        reviewComments);
  }
}
