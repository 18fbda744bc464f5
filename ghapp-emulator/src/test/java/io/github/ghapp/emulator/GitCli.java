package io.github.ghapp.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The git binary, isolated from the machine's configuration: a temporary HOME, no system config, no
 * credential helper, no terminal prompts (a missing credential fails instead of waiting for a
 * user), English messages.
 */
final class GitCli {

  /** What a git command printed (stdout and stderr together) and its exit code. */
  record Result(int exitCode, String output) {
    boolean succeeded() {
      return exitCode == 0;
    }
  }

  private final Path home;

  GitCli(Path home) {
    this.home = home;
  }

  Result run(Path directory, String... arguments) {
    return run(Map.of(), directory, arguments);
  }

  /** As {@link #run(Path, String...)}, with these variables set (e.g. {@code GIT_SSL_CAINFO}). */
  Result run(Map<String, String> variables, Path directory, String... arguments) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "git",
                "-c",
                "credential.helper=",
                "-c",
                "user.name=Test",
                "-c",
                "user.email=test@example.invalid",
                "-c",
                "init.defaultBranch=main"));
    command.addAll(List.of(arguments));
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("GIT_") || name.endsWith("_ASKPASS"));
    environment.put("HOME", home.toString());
    environment.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    environment.put("GIT_CONFIG_NOSYSTEM", "1");
    environment.put("GIT_TERMINAL_PROMPT", "0");
    environment.put("LC_ALL", "C");
    environment.putAll(variables);
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "git " + String.join(" ", arguments) + " did not finish in 60 s");
      }
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run git; is it installed?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
