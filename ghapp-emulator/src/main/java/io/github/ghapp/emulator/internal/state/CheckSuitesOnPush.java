package io.github.ghapp.emulator.internal.state;

/**
 * GitHub's default flow for checks: when a branch moves to a new commit (a {@code git push}, or a
 * commit made through the API), every app installed on the repository with {@code checks: write}
 * gets a check suite for the commit and {@code check_suite requested}, so that it can add its runs.
 * Installations that are suspended or do not reach the repository are left out. Tags and deleted
 * branches request nothing (unconfirmed for tags, which GitHub may check too).
 */
public final class CheckSuitesOnPush implements RefUpdateListener {

  private final EmulatorState state;
  private final Checks checks;

  public CheckSuitesOnPush(EmulatorState state, Checks checks) {
    this.state = state;
    this.checks = checks;
  }

  @Override
  public void refUpdated(RefUpdate update) {
    if (update.branch() == null || update.deleted()) {
      return;
    }
    Repository repository = update.repository();
    for (App app : state.apps()) {
      state
          .installationOn(app.id(), repository.owner().login())
          .filter(i -> !i.isSuspended() && state.reaches(i, repository))
          .filter(i -> i.permissions().allows("checks", PermissionLevel.WRITE))
          .ifPresent(
              i ->
                  checks.requestSuite(
                      repository,
                      app.id(),
                      update.afterSha(),
                      update.branch(),
                      update.beforeSha(),
                      update.pusher(),
                      update.at()));
    }
  }
}
