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
    return new CommandLine.RunLast().execute(parsed);
  }
}
