package io.github.ghapp.cli;

/**
 * A failure the user can act on, with the one line ghapp prints for it and the exit code. The
 * message says what is wrong and what to do, in the command line's terms (options and commands, not
 * Java API), and never contains a secret.
 */
final class CliException extends RuntimeException {
  private final int exitCode;

  private CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** The user asked for something that cannot work as given (exit 2). */
  static CliException usage(String message) {
    return new CliException(ExitCodes.USAGE, message, null);
  }

  /** Like {@link #usage(String)}, keeping the library's exception for {@code --verbose}. */
  static CliException usage(String message, Throwable cause) {
    return new CliException(ExitCodes.USAGE, message, cause);
  }

  /** GitHub refused; {@code cause} is its exception, kept for {@code --verbose} (exit 1). */
  static CliException refused(String message, Throwable cause) {
    return new CliException(ExitCodes.REFUSED, message, cause);
  }

  /** GitHub could not be reached or failed (exit 3). */
  static CliException unavailable(String message, Throwable cause) {
    return new CliException(ExitCodes.UNAVAILABLE, message, cause);
  }

  /** A failure with an exit code of its own, such as a shell's 127 for a command not found. */
  static CliException withExitCode(int exitCode, String message) {
    return new CliException(exitCode, message, null);
  }

  int exitCode() {
    return exitCode;
  }
}
