package io.github.ghapp.cli;

import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.RecordedRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import picocli.CommandLine;

/**
 * Runs {@code ghapp} in this JVM as a user would run it, through picocli's {@code execute}, with an
 * environment of its own (never the developer's variables or cache), standard input, and captured
 * output.
 */
final class Cli {
  private final Map<String, String> variables = new HashMap<>();
  private final List<Runnable> shutdownHooks = new CopyOnWriteArrayList<>();
  private final Map<String, Object> replaced = new HashMap<>();
  private String stdin = "";
  private Clock clock = Clock.systemUTC();

  /** What one run printed and returned. */
  record Result(int exitCode, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }
  }

  /** A user whose home (and so token cache) is {@code home}, with no app configured. */
  static Cli in(Path home) {
    Cli cli = new Cli();
    cli.variables.put("HOME", home.toString());
    cli.variables.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
    return cli;
  }

  /**
   * A user of the emulator's app 1001, configured through GHAPP_* variables, on the emulator's
   * clock.
   */
  static Cli demoApp(GitHubEmulator emulator, Path home) {
    Cli cli = in(home);
    Path key = home.resolve("octo-app.pem");
    try {
      Files.writeString(key, emulator.app(1001).privateKeyPem(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    cli.clock = emulator.clock();
    return cli.env("GHAPP_BASE_URL", emulator.baseUrl().toString())
        .env("GHAPP_CLIENT_ID", emulator.app(1001).clientId())
        .env("GHAPP_PRIVATE_KEY", key.toString());
  }

  Cli env(String name, String value) {
    if (value == null) {
      variables.remove(name);
    } else {
      variables.put(name, value);
    }
    return this;
  }

  /**
   * Runs {@code command} as the subcommand {@code name}, in place of ghapp's own (or beside them).
   */
  Cli replacing(String name, Object command) {
    replaced.put(name, command);
    return this;
  }

  Cli stdin(String text) {
    this.stdin = text;
    return this;
  }

  Path cacheDirectory() {
    return Path.of(variables.get("XDG_CACHE_HOME"), "ghapp");
  }

  /** Runs the actions the last command registered for shutdown, as SIGTERM would. */
  void shutDown() {
    shutdownHooks.forEach(Runnable::run);
  }

  Result run(String... args) {
    return start(args).result().join();
  }

  /**
   * A command running in the background (the emulator), whose output can be read as it is printed.
   */
  record Running(StringWriter out, CompletableFuture<Result> result) {}

  /** The environment a command of this user runs in: its variables, standard input and clock. */
  Environment environment() {
    return new Environment(
        variables,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        shutdownHooks::add,
        clock);
  }

  Running start(String... args) {
    Environment env = environment();
    StringWriter out =
        new StringWriter(); // a StringBuffer inside: safe to read while it is written
    StringWriter err = new StringWriter();
    CommandLine ghapp = Ghapp.commandLine(env, args);
    replaced.forEach(
        (name, command) -> {
          ghapp.getCommandSpec().removeSubcommand(name);
          ghapp.addSubcommand(name, command);
        });
    ghapp.setOut(new PrintWriter(out, true));
    ghapp.setErr(new PrintWriter(err, true));
    CompletableFuture<Result> result = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                result.complete(new Result(ghapp.execute(args), out.toString(), err.toString()));
              } catch (Throwable t) {
                result.completeExceptionally(t);
              }
            },
            "ghapp " + String.join(" ", args));
    thread.start();
    return new Running(out, result);
  }

  /** How many tokens the emulator has minted so far. */
  static long mints(GitHubEmulator emulator) {
    return emulator.requests().stream().filter(RecordedRequest::isMint).count();
  }
}
