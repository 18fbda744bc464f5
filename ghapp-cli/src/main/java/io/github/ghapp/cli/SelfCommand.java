package io.github.ghapp.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How to start ghapp again, as this process was started: the same {@code java}, JVM options (the
 * launcher's fast start-up flags and class-data archive) and jar or class path, so that a
 * credential helper ghapp configures for a child process runs the same ghapp. Only the words before
 * ghapp's own arguments are reused, never ghapp's arguments themselves.
 */
final class SelfCommand {
  private SelfCommand() {}

  /**
   * The words that start ghapp, without a command; {@code ghappArgs} are this process's arguments
   * to ghapp, which end its command line when it was started as {@code java ... ghapp ARGS}.
   */
  static List<String> words(List<String> ghappArgs) {
    ProcessHandle.Info info = ProcessHandle.current().info();
    Optional<String> java = info.command();
    Optional<String[]> arguments = info.arguments();
    if (java.isPresent() && arguments.isPresent()) {
      List<String> all = Arrays.asList(arguments.get());
      int jvm = all.size() - ghappArgs.size();
      if (jvm > 0 && all.subList(jvm, all.size()).equals(ghappArgs)) {
        List<String> words = new ArrayList<>();
        words.add(java.get());
        all.subList(0, jvm).stream().filter(SelfCommand::reusable).forEach(words::add);
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

  /** {@code words} as one line for {@code sh}, each word single-quoted. */
  static String shellLine(List<String> words) {
    StringBuilder line = new StringBuilder();
    for (String word : words) {
      line.append(line.length() == 0 ? "" : " ").append(BotCommand.shellQuoted(word));
    }
    return line.toString();
  }
}
