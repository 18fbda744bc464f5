package io.github.ghapp.cli;

import io.github.ghapp.auth.GitHubException;
import io.github.ghapp.auth.NotGitHubApiException;
import io.github.ghapp.auth.ServerErrorException;
import io.github.ghapp.auth.TransportException;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * The exit codes every command documents, and which exception ends with which. Scripts branch on
 * them: 1 means asking again will get the same answer, 3 that a retry later may succeed.
 */
final class ExitCodes implements CommandLine.IExitCodeExceptionMapper {
  static final int OK = 0;

  /** GitHub refused: bad credentials, not installed, not granted, not found, rate limited. */
  static final int REFUSED = 1;

  /** The command line or its inputs are wrong (options, key file, environment variables). */
  static final int USAGE = 2;

  /** GitHub (or the emulator) could not be reached or answered with a server error. */
  static final int UNAVAILABLE = 3;

  /**
   * A bug in ghapp (sysexits' EX_SOFTWARE); the message asks for {@code --verbose} and a report.
   */
  static final int INTERNAL = 70;

  @Override
  public int getExitCode(Throwable failure) {
    if (failure instanceof CliException) {
      return ((CliException) failure).exitCode();
    }
    if (failure instanceof CommandLine.ParameterException
        || failure instanceof IllegalArgumentException) {
      // picocli's own errors, and the libraries' checks of what the user passed (key, URL, scope).
      return USAGE;
    }
    if (failure instanceof TransportException
        || failure instanceof ServerErrorException
        || failure instanceof NotGitHubApiException) {
      // Not GitHub's API at that URL (a captive portal, a proxy's page, a wrong base URL): what
      // answered may be GitHub again later, and GitHub itself has not refused anything.
      return UNAVAILABLE;
    }
    if (failure instanceof GitHubException) {
      return ((GitHubException) failure).status() == 0 ? UNAVAILABLE : REFUSED;
    }
    if (failure instanceof IOException || failure instanceof UncheckedIOException) {
      return UNAVAILABLE;
    }
    return INTERNAL;
  }
}
