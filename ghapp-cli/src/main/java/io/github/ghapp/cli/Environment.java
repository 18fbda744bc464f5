package io.github.ghapp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Everything a command takes from the world besides its arguments and output writers: environment
 * variables, standard input, and how it learns that the process is being stopped. {@link #system()}
 * is the real one; tests build their own, so that no test reads the developer's variables or cache
 * directory.
 *
 * @param variables environment variables ({@code GHAPP_*}, {@code HOME}, {@code XDG_CACHE_HOME})
 * @param stdin standard input, read by {@code --private-key -}, {@code revoke -} and the credential
 *     helper
 * @param onShutdown registers an action to run when the process is asked to stop (Ctrl-C, SIGTERM);
 *     after it the command returns as usual, with its own exit code
 * @param clock the local clock token validity is judged by (GitHub's offset from it is learned)
 */
record Environment(
    Map<String, String> variables, InputStream stdin, Consumer<Runnable> onShutdown, Clock clock) {

  Environment {
    variables = Map.copyOf(variables);
    Objects.requireNonNull(stdin, "stdin");
    Objects.requireNonNull(onShutdown, "onShutdown");
    Objects.requireNonNull(clock, "clock");
  }

  /**
   * This process's environment, standard input, stop signals (see {@link StopSignals}) and the
   * system clock.
   */
  static Environment system() {
    Map<String, String> variables = System.getenv();
    return new Environment(variables, System.in, StopSignals::onStop, clock(variables));
  }

  /** Shifts ghapp's clock, as tests of processes do when they move the emulator's clock. */
  static final String CLOCK_OFFSET = "GHAPP_CLOCK_OFFSET";

  /**
   * The system clock, moved by {@value #CLOCK_OFFSET} ({@code 61m}, {@code PT-5M}) when set: the
   * processes a test starts (Git's credential helper under {@code ghapp exec}) then judge a token
   * expired when the emulator whose clock the test moved does. A value that is not a duration is
   * ignored.
   */
  static Clock clock(Map<String, String> variables) {
    String offset = variables.get(CLOCK_OFFSET);
    if (offset == null || offset.isBlank()) {
      return Clock.systemUTC();
    }
    try {
      return Clock.offset(Clock.systemUTC(), new DurationConverter().convert(offset));
    } catch (RuntimeException e) {
      return Clock.systemUTC();
    }
  }

  /**
   * The variable's value, or null when it is unset or blank (an empty variable counts as unset).
   */
  String variable(String name) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? null : value;
  }

  /**
   * Where ghapp caches tokens and installation ids: {@code $XDG_CACHE_HOME/ghapp}, else {@code
   * ~/.cache/ghapp} (the XDG base directory convention, which also suits macOS command-line tools).
   */
  Path cacheDirectory() {
    String xdg = variable("XDG_CACHE_HOME");
    // The XDG specification says relative values are invalid and must be ignored.
    if (xdg != null && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "ghapp");
    }
    String home = variable("HOME");
    return Path.of(home != null ? home : System.getProperty("user.home"), ".cache", "ghapp");
  }

  /**
   * All of standard input as text (a key or a token piped in); bounded, since neither is ever
   * large.
   */
  String readStdin(String what) {
    try {
      byte[] bytes = stdin.readNBytes(1 << 20);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + what + " from standard input", e);
    }
  }
}
