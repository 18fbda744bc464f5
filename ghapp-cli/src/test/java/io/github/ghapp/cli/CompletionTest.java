package io.github.ghapp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionTest {
  /**
   * The script checked in for packagers; regenerate it with the command in the assertion's message.
   */
  static final Path CHECKED_IN = Path.of("src/main/completion/ghapp_completion");

  @TempDir Path home;

  @Test
  void completion_coversEveryCommandAndItsOptions() {
    Cli.Result result = Cli.in(home).run("completion");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("_complete_ghapp")
        .contains(
            "quickstart",
            "token",
            "git-credential",
            "jwt",
            "app",
            "installations",
            "revoke",
            "emulator")
        .contains("--repo", "--min-validity", "--private-key");
  }

  @Test
  void checkedInScript_isWhatTheCommandGeneratesToday() throws Exception {
    String generated = Cli.in(home).run("completion").out();

    assertThat(Files.readString(CHECKED_IN))
        .as("stale; regenerate with: ./ghapp completion > ghapp-cli/%s", CHECKED_IN)
        .isEqualTo(generated);
  }
}
