package io.github.ghapp.cli;

import io.github.ghapp.auth.BadJwtException;
import io.github.ghapp.auth.GitHubException;
import io.github.ghapp.auth.IntegrationNotFoundException;
import io.github.ghapp.auth.TransportException;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed command into one plain line on standard error, {@code ghapp: <what is wrong>.
 * <what to do>}, and its exit code; the stack trace only with {@code --verbose}. Every line is
 * passed through {@link Secrets#redact} on the way out.
 */
final class ErrorReporter
    implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
  private final ExitCodes exitCodes = new ExitCodes();

  @Override
  public int handleExecutionException(Exception failure, CommandLine command, ParseResult parsed) {
    report(command.getErr(), describe(failure), failure, Verbosity.isVerbose(parsed));
    return exitCodes.getExitCode(failure);
  }

  @Override
  public int handleParseException(ParameterException failure, String[] args) {
    CommandLine command = failure.getCommandLine();
    String line = sentence(failure.getMessage());
    if (failure instanceof CommandLine.UnmatchedArgumentException) {
      CommandLine.UnmatchedArgumentException unmatched =
          (CommandLine.UnmatchedArgumentException) failure;
      String first = unmatched.getUnmatched().isEmpty() ? "" : unmatched.getUnmatched().get(0);
      if (!command.getSubcommands().isEmpty() && !first.startsWith("-")) {
        line = "'" + first + "' is not a " + command.getCommandName() + " command.";
      }
      // picocli's best guess comes first; more than one reads like a riddle
      if (!unmatched.getSuggestions().isEmpty()) {
        line += " Did you mean " + unmatched.getSuggestions().get(0) + "?";
      }
    }
    line += " See '" + command.getCommandSpec().qualifiedName() + " --help'.";
    report(command.getErr(), line, failure, false);
    return ExitCodes.USAGE;
  }

  /** The one line for {@code failure}, without the {@code ghapp: } prefix. */
  static String describe(Throwable failure) {
    if (failure instanceof IntegrationNotFoundException) {
      return "GitHub knows no app with this ID ("
          + ((GitHubException) failure).request()
          + " answered 404"
          + " Integration not found). Check --app-id or --client-id (on the app's settings page) and that"
          + " --base-url is the GitHub the app is registered on.";
    }
    if (failure instanceof BadJwtException) {
      return "GitHub could not verify the app's JWT: the private key does not belong to this app (deleted"
          + " from it, or another app's key). Pass a key listed under Private keys in the app's settings"
          + " with --private-key.";
    }
    if (failure instanceof Bug) {
      Throwable error = failure.getCause();
      return "internal error "
          + error.getClass().getSimpleName()
          + (error.getMessage() == null ? "" : ": " + error.getMessage())
          + ". This is a bug in ghapp, not GitHub's answer: run again with --verbose and report it"
          + " with the output.";
    }
    if (failure instanceof TransportException
        && failure.getCause() instanceof java.net.http.HttpTimeoutException) {
      return sentence(failure.getMessage())
          + " It did not answer within the deadline; a slow GitHub may need a longer --timeout (or "
          + AppOptions.TIMEOUT
          + ").";
    }
    if (failure instanceof CliException
        || failure instanceof GitHubException
        || failure instanceof IllegalArgumentException) {
      return sentence(failure.getMessage());
    }
    return "unexpected "
        + failure.getClass().getName()
        + (failure.getMessage() == null ? "" : ": " + failure.getMessage())
        + ". Run again with --verbose and report it with the output.";
  }

  /** An {@link Error} thrown by a command, carried to {@link #describe} (exit 70). */
  static final class Bug extends RuntimeException {
    Bug(Error cause) {
      super(cause);
    }
  }

  private static void report(PrintWriter err, String line, Throwable failure, boolean verbose) {
    err.println(Secrets.redact("ghapp: " + line));
    if (verbose) {
      StringWriter trace = new StringWriter();
      failure.printStackTrace(new PrintWriter(trace));
      err.print(Secrets.redact(trace.toString()));
    }
    err.flush();
  }

  /**
   * {@code text} with a capitalised first word in lower case ("The key" -> "the key"), but a name
   * with capitals inside ("GitHub", "JWT", "PKCS") left as it is written.
   */
  static String lowerFirst(String text) {
    if (text == null || text.isEmpty()) {
      return "failed";
    }
    int end = 0;
    while (end < text.length() && Character.isLetter(text.charAt(end))) {
      end++;
    }
    String word = text.substring(0, end);
    if (!word.isEmpty()
        && Character.isUpperCase(word.charAt(0))
        && word.substring(1).chars().noneMatch(Character::isUpperCase)) {
      return Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
    return text;
  }

  /**
   * {@code message} on one line, starting in lower case as it follows "ghapp: ", ending with a
   * period.
   */
  private static String sentence(String message) {
    String line =
        lowerFirst(message == null ? "failed" : message.replaceAll("\\s*\\R\\s*", " ").strip());
    return line.endsWith(".") || line.endsWith("?") ? line : line + ".";
  }
}
