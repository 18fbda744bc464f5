package io.github.ghapp.emulator.internal.state;

/**
 * Told about check runs and suites after they change, outside any lock, on the thread that changed
 * them. Webhook delivery listens here ({@code check_run}, {@code check_suite}).
 */
public interface CheckListener {

  default void checkRunCreated(CheckRun run, CheckSuite suite, Repository repository) {}

  default void checkRunCompleted(CheckRun run, CheckSuite suite, Repository repository) {}

  /** Every run of the suite has completed, so the suite has its conclusion. */
  default void checkSuiteCompleted(CheckSuite suite, Repository repository) {}

  /** A push asked the suite's app to check its head commit. */
  default void checkSuiteRequested(CheckSuite suite, Repository repository, BotUser sender) {}

  /** Someone asked the suite's app to check its head commit again. */
  default void checkSuiteRerequested(CheckSuite suite, Repository repository, BotUser sender) {}
}
