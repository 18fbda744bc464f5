package io.github.ghapp.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The {@code --verbose} option every command inherits from {@code ghapp}, and the execution
 * strategy that applies it before the command runs.
 */
final class Verbosity implements CommandLine.IExecutionStrategy {
  static final String OPTION = "--verbose";

  /**
   * Whether {@code --verbose} was given at any level, e.g. {@code ghapp --verbose token} or {@code
   * ghapp token --verbose}.
   */
  static boolean isVerbose(ParseResult parsed) {
    for (ParseResult level = parsed; level != null; level = level.subcommand()) {
      if (level.hasMatchedOption(OPTION)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public int execute(ParseResult parsed) {
    if (isVerbose(parsed)) {
      // Only touched when asked for: initialising logging costs start-up time the common case can
      // skip.
      LogSetup.verbose();
    }
    try {
      return new CommandLine.RunLast().execute(parsed);
    } catch (Error e) {
      // picocli lets an Error escape from main with a JVM trace and exit 1 ("GitHub refused"):
      // it is a bug in ghapp (or an exhausted JVM), reported in one line as such, exit 70.
      ParseResult last = parsed;
      while (last.subcommand() != null) {
        last = last.subcommand();
      }
      throw new CommandLine.ExecutionException(
          last.commandSpec().commandLine(), "internal error", new ErrorReporter.Bug(e));
    }
  }
}
