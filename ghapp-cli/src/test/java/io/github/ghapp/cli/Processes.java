package io.github.ghapp.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs ghapp (and git) as separate processes, as Git runs its credential helpers. */
final class Processes {
  private Processes() {}

  /** What one process printed (stdout and stderr together) and its exit code. */
  record Outcome(int exitCode, String output) {}

  /**
   * {@code java -cp <this test's class path> io.github.ghapp.cli.Ghapp}, each word quoted for a
   * shell.
   */
  static String ghappShellCommand() {
    List<String> words = ghappCommand();
    StringBuilder line = new StringBuilder();
    for (String word : words) {
      line.append(line.length() == 0 ? "" : " ")
          .append('\'')
          .append(word.replace("'", "'\\''"))
          .append('\'');
    }
    return line.toString();
  }

  static List<String> ghappCommand() {
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1",
        "-cp",
        System.getProperty("java.class.path"),
        Ghapp.class.getName());
  }

  /**
   * The environment of a user whose home is {@code home}, with none of the developer's Git
   * settings.
   */
  static Map<String, String> isolated(ProcessBuilder process, Path home) {
    Map<String, String> env = process.environment();
    env.keySet()
        .removeIf(k -> k.startsWith("GHAPP_") || k.startsWith("GIT_") || k.startsWith("XDG_"));
    env.put("HOME", home.toString());
    env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_CONFIG_GLOBAL", "/dev/null");
    env.put("GIT_TERMINAL_PROMPT", "0");
    return env;
  }

  static Outcome run(ProcessBuilder process, String stdin)
      throws IOException, InterruptedException {
    Process p = process.redirectErrorStream(true).start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("still running after 2 minutes: " + process.command());
    }
    return new Outcome(p.exitValue(), output);
  }

  static List<String> concat(List<String> first, String... more) {
    List<String> all = new ArrayList<>(first);
    all.addAll(List.of(more));
    return all;
  }
}
