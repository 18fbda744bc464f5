package io.github.ghapp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code --verbose} logs what happens to standard error, and still no secret. */
class VerboseOutputTest {
  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  @TempDir Path home;
  GitHubEmulator emulator;
  Cli cli;
  PrintStream originalErr;
  ByteArrayOutputStream logged = new ByteArrayOutputStream();

  @BeforeEach
  void captureTheProcessStandardError() {
    emulator = github.emulator();
    cli = Cli.demoApp(emulator, home);
    originalErr = System.err; // logback writes to whatever System.err is when it writes
    System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setErr(originalErr);
    LogSetup.quiet();
  }

  @Test
  void verboseMint_logsTheStepsButNoSecret() {
    Cli.Result result = cli.run("--verbose", "token", "--installation-id", "42");
    String jwt = cli.run("jwt").out().strip();

    String log = logged.toString(StandardCharsets.UTF_8) + result.err();
    assertThat(log).contains("DEBUG").contains("Minting an installation token for installation 42");
    assertThat(log)
        .doesNotContain(result.out().strip())
        .doesNotContain(jwt.substring(0, 40))
        .doesNotContain("-----BEGIN")
        .doesNotContainPattern("ghs_[A-Za-z0-9]{20}");
  }

  @Test
  void verboseFailure_showsTheStackTraceButNoSecret() {
    Cli.Result result =
        cli.run(
            "token",
            "--installation-id",
            "42",
            "--permission",
            "administration=write",
            "--verbose");

    String all = logged.toString(StandardCharsets.UTF_8) + result.err();
    assertThat(result.exitCode()).isEqualTo(ExitCodes.REFUSED);
    assertThat(all)
        .contains("PermissionsNotGrantedException")
        .contains("\tat ")
        .doesNotContain("-----BEGIN")
        .doesNotContainPattern("ghs_[A-Za-z0-9]{20}")
        .doesNotContain("eyJ");
  }
}
