package io.github.ghapp.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to start ghapp again, as this process was started: the same {@code java}, JVM options (the
 * launcher's fast start-up flags and class-data archive) and jar or class path, so that a
 * credential helper ghapp configures for a child process runs the same ghapp. Only the words before
 * ghapp's own arguments are reused, never ghapp's arguments themselves.
 */
final class SelfCommand {
  /** Set by the launcher script to its own path. */
  static final String LAUNCHER = "GHAPP_LAUNCHER";

  private SelfCommand() {}

  /**
   * The words that start ghapp, without a command; {@code ghappArgs} are this process's arguments
   * to ghapp, which end its command line when it was started as {@code java ... ghapp ARGS}.
   */
  static List<String> words(Environment env, List<String> ghappArgs) {
    String launcher = env.variable(LAUNCHER);
    if (launcher != null && Files.isExecutable(Path.of(launcher))) {
      return List.of(launcher); // ./ghapp: builds when due, fast start-up flags, on any PATH
    }
    ProcessHandle.Info info = ProcessHandle.current().info();
    Optional<String> java = info.command();
    Optional<String[]> arguments = info.arguments();
    if (java.isPresent() && arguments.isPresent()) {
      List<String> all = Arrays.asList(arguments.get());
      int jvm = all.size() - ghappArgs.size();
      if (jvm > 0 && all.subList(jvm, all.size()).equals(ghappArgs)) {
        List<String> words = new ArrayList<>();
        words.add(java.get());
        String previous = "";
        for (String word : all.subList(0, jvm)) {
          if (reusable(word)) {
            words.add(absolute(previous, word));
          }
          previous = word;
        }
        return words;
      }
    }
    // Started some other way (embedded, or a platform that does not say): the class path works.
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC",
        "-cp",
        System.getProperty("java.class.path"),
        Ghapp.class.getName());
  }

  /** A debugger's fixed port, or a class-data archive being written, must not be repeated. */
  private static boolean reusable(String jvmOption) {
    return !jvmOption.startsWith("-agentlib:jdwp")
        && !jvmOption.startsWith("-Xrunjdwp")
        && !jvmOption.equals("-Xdebug")
        && !jvmOption.startsWith("-XX:ArchiveClassesAtExit");
  }

  /** A jar or class path, made absolute: Git runs its helpers in any directory. */
  private static String absolute(String option, String word) {
    if (option.equals("-jar")) {
      return Path.of(word).toAbsolutePath().toString();
    }
    if (option.equals("-cp") || option.equals("-classpath") || option.equals("--class-path")) {
      List<String> parts = new ArrayList<>();
      for (String part : word.split(File.pathSeparator, -1)) {
        parts.add(part.isEmpty() ? part : Path.of(part).toAbsolutePath().toString());
      }
      return String.join(File.pathSeparator, parts);
    }
    return word;
  }

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

  /** {@code words} as one line for {@code sh}; a word with any other character single-quoted. */
  static String shellLine(List<String> words) {
    StringBuilder line = new StringBuilder();
    for (String word : words) {
      line.append(line.length() == 0 ? "" : " ")
          .append(PLAIN.matcher(word).matches() ? word : BotCommand.shellQuoted(word));
    }
    return line.toString();
  }
}
