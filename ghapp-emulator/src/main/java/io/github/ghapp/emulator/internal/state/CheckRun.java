package io.github.ghapp.emulator.internal.state;

import java.time.Instant;
import java.util.Objects;

/**
 * A check run: one check an app reports on one commit, inside that app's {@link CheckSuite} for the
 * commit. Immutable: an update replaces the record in {@link Checks}.
 *
 * @param status {@code queued}, {@code in_progress} or {@code completed}
 * @param conclusion null until completed
 * @param detailsUrl null for the app's page, GitHub's default
 * @param externalId null when the app gave none
 * @param completedAt null until completed
 * @param generation the suite's generation when the run was made: a rerequested suite sums up only
 *     the runs made since
 */
public record CheckRun(
    long id,
    long suiteId,
    long repositoryId,
    long appId,
    String headSha,
    String name,
    String status,
    String conclusion,
    String detailsUrl,
    String externalId,
    Instant startedAt,
    Instant completedAt,
    CheckOutput output,
    int generation) {

  public CheckRun {
    Objects.requireNonNull(headSha, "headSha");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(output, "output");
  }

  public boolean isCompleted() {
    return status.equals(COMPLETED);
  }

  public static final String QUEUED = "queued";
  public static final String IN_PROGRESS = "in_progress";
  public static final String COMPLETED = "completed";

  /**
   * A run's {@code output}; the strings are null when not given. Annotations are only counted, as
   * nothing here lists them.
   */
  public record CheckOutput(String title, String summary, String text, int annotationsCount) {
    public static final CheckOutput NONE = new CheckOutput(null, null, null, 0);
  }
}
