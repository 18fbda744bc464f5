package io.github.ghapp.emulator.internal.state;

import java.time.Instant;
import java.util.Objects;

/**
 * A check suite: the check runs one app reports on one commit of a repository, summed up. GitHub
 * keeps one suite per app and head commit; its status and conclusion follow from its runs ({@link
 * Checks#summary}).
 *
 * @param headBranch the branch it was made for; null when none pointed at the commit then
 * @param before the branch's commit before the push that requested the suite; null otherwise
 *     (unconfirmed: GitHub may fill both for suites a run or {@code POST /check-suites} made)
 * @param after the commit the push moved the branch to; null when no push requested it
 * @param generation counts rerequests: only runs of the current generation make up the summary
 */
public record CheckSuite(
    long id,
    long repositoryId,
    long appId,
    String headSha,
    String headBranch,
    String before,
    String after,
    Instant createdAt,
    Instant updatedAt,
    int generation) {

  public CheckSuite {
    Objects.requireNonNull(headSha, "headSha");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  CheckSuite touched(Instant at) {
    return new CheckSuite(
        id, repositoryId, appId, headSha, headBranch, before, after, createdAt, at, generation);
  }

  CheckSuite rerequested(Instant at) {
    return new CheckSuite(
        id, repositoryId, appId, headSha, headBranch, before, after, createdAt, at, generation + 1);
  }
}
