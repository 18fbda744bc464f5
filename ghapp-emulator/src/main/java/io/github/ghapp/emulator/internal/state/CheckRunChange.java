package io.github.ghapp.emulator.internal.state;

import java.time.Instant;

/**
 * The fields of a create or update request for a check run, already checked against GitHub's
 * schema; null for each one the request left out. GitHub's rules for combining them with the run
 * are {@link #applyTo}'s.
 *
 * @param output null when not given; its annotation count is the number this request adds
 */
public record CheckRunChange(
    String name,
    String detailsUrl,
    String externalId,
    String status,
    String conclusion,
    Instant startedAt,
    Instant completedAt,
    CheckRun.CheckOutput output) {

  /**
   * GitHub's rules: a conclusion completes the run ("Providing conclusion will automatically set
   * the status parameter to completed"); a completed run has a completion time, the one given or
   * now; a run that goes back to queued or in progress loses its conclusion (unconfirmed: GitHub
   * may keep it). A new output replaces the old, its annotations adding to those counted before.
   */
  CheckRun applyTo(CheckRun run, Instant now) {
    String newStatus = conclusion != null ? CheckRun.COMPLETED : or(status, run.status());
    boolean completed = newStatus.equals(CheckRun.COMPLETED);
    String newConclusion = completed ? or(conclusion, run.conclusion()) : null;
    Instant newCompletedAt =
        completed ? or(completedAt, run.completedAt() != null ? run.completedAt() : now) : null;
    CheckRun.CheckOutput newOutput =
        output == null
            ? run.output()
            : new CheckRun.CheckOutput(
                output.title(),
                output.summary(),
                output.text(),
                run.output().annotationsCount() + output.annotationsCount());
    return new CheckRun(
        run.id(),
        run.suiteId(),
        run.repositoryId(),
        run.appId(),
        run.headSha(),
        or(name, run.name()),
        newStatus,
        newConclusion,
        or(detailsUrl, run.detailsUrl()),
        or(externalId, run.externalId()),
        or(startedAt, run.startedAt()),
        newCompletedAt,
        newOutput,
        run.generation());
  }

  private static <T> T or(T given, T current) {
    return given != null ? given : current;
  }
}
