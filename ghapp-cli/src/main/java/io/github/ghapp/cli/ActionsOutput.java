package io.github.ghapp.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.UUID;

/**
 * GitHub Actions' side of {@code ghapp token --format actions}: the workflow command that masks a
 * secret in the job's log, and step outputs appended to the file {@code GITHUB_OUTPUT} names.
 */
final class ActionsOutput {
  static final String GITHUB_OUTPUT = "GITHUB_OUTPUT";

  private ActionsOutput() {}

  /**
   * {@code ::add-mask::SECRET}: the runner shows {@code ***} for it from then on. A command's data
   * escapes {@code %} and line breaks, which no token has, but a mask must never be cut short.
   */
  static void mask(PrintWriter out, String secret) {
    String data = secret.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    out.println("::add-mask::" + data);
    out.flush();
  }

  /**
   * {@code name=value} lines, or {@code name<<DELIMITER} ... {@code DELIMITER} for a value with a
   * line break, with a delimiter the value cannot contain.
   */
  static String lines(Map<String, String> outputs) {
    StringBuilder text = new StringBuilder();
    outputs.forEach(
        (name, value) -> {
          if (value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            text.append(name).append('=').append(value).append('\n');
          } else {
            String delimiter;
            do {
              delimiter = "ghadelimiter_" + UUID.randomUUID();
            } while (value.contains(delimiter));
            text.append(name).append("<<").append(delimiter).append('\n');
            text.append(value).append('\n').append(delimiter).append('\n');
          }
        });
    return text.toString();
  }

  /** Appends {@code outputs} to the step's output file. */
  static void append(Path file, Map<String, String> outputs) {
    try {
      Files.writeString(
          file,
          lines(outputs),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot append the step's outputs to " + GITHUB_OUTPUT + " (" + file + ")", e);
    }
  }
}
