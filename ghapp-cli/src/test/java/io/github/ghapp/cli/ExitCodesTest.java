package io.github.ghapp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

/**
 * Exit code 70 for a bug in ghapp itself, kept apart from 1-3 so that scripts do not retry or blame
 * the user for it. (0-3 are checked command by command in the other tests.)
 */
class ExitCodesTest {
  @TempDir Path home;

  /** A command with a bug, standing in for any unexpected exception inside ghapp. */
  @Command(name = "buggy")
  static final class Buggy implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new IllegalStateException("index 3 out of bounds");
    }
  }

  @Test
  void aBugInGhapp_exits70WithOneLineAskingForAReport() {
    Cli.Result result = Cli.in(home).replacing("buggy", new Buggy()).run("buggy");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INTERNAL);
    assertThat(result.errLines())
        .containsExactly(
            "ghapp: unexpected java.lang.IllegalStateException: index 3"
                + " out of bounds. Run again with --verbose and report it with the output.");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void aBugInGhapp_withVerbose_showsItsStackTrace() {
    Cli.Result result = Cli.in(home).replacing("buggy", new Buggy()).run("--verbose", "buggy");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INTERNAL);
    assertThat(result.err())
        .contains("java.lang.IllegalStateException: index 3 out of bounds", "\tat ");
  }
}
