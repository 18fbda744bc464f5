package io.github.ghapp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The credential helper as Git runs it: the real git binary, a separate ghapp process per request.
 */
class GitCloneTest {
  @RegisterExtension
  static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo().freshPerTest();

  @TempDir Path home;
  GitHubEmulator emulator;
  String helper;

  @BeforeEach
  void setUp() throws Exception {
    emulator = github.emulator();
    Path key = home.resolve("octo-app.pem");
    Files.writeString(key, emulator.app(1001).privateKeyPem());
    helper =
        "!"
            + Processes.ghappShellCommand()
            + " git-credential --base-url "
            + emulator.baseUrl()
            + " --client-id Iv23liDemo --private-key "
            + key;
  }

  @Test
  void clone_withTheHelper_succeedsAndASecondCloneMintsNothingNew() throws Exception {
    Processes.Outcome first =
        git("clone", emulator.gitUrl("octo-org", "hello-world").toString(), "first");
    long mintsAfterFirst = Cli.mints(emulator);
    Processes.Outcome second =
        git("clone", emulator.gitUrl("octo-org", "hello-world").toString(), "second");

    assertThat(first.exitCode()).as(first.output()).isZero();
    assertThat(home.resolve("first/README.md")).exists();
    assertThat(mintsAfterFirst).isEqualTo(1);
    assertThat(second.exitCode()).as(second.output()).isZero();
    assertThat(Cli.mints(emulator))
        .as("the second clone's token came from the disk cache")
        .isEqualTo(1);
  }

  @Test
  void clone_ofARepositoryTheTokenMayNotReach_failsAsGitHubWould() throws Exception {
    Processes.Outcome outcome =
        git("clone", emulator.gitUrl("octo-org", "secret-plans").toString(), "secret");

    assertThat(outcome.exitCode()).isNotZero();
    assertThat(home.resolve("secret")).doesNotExist();
  }

  @Test
  void credentialFill_forAnUnconfiguredHost_getsNoAnswer() throws Exception {
    Processes.Outcome outcome =
        Processes.run(
            gitProcess("credential", "fill"),
            "protocol=https\nhost=example.com\npath=octo-org/hello-world.git\n\n");

    assertThat(outcome.output()).doesNotContain("password=").contains("terminal prompts disabled");
    assertThat(outcome.exitCode()).isNotZero();
    assertThat(emulator.requests()).isEmpty();
  }

  private Processes.Outcome git(String... args) throws Exception {
    return Processes.run(gitProcess(args), "");
  }

  private ProcessBuilder gitProcess(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "git",
                "-c",
                "credential.helper=",
                "-c",
                "credential.helper=" + helper,
                "-c",
                "credential.useHttpPath=true"));
    command.addAll(List.of(args));
    ProcessBuilder process = new ProcessBuilder(command).directory(home.toFile());
    Processes.isolated(process, home);
    return process;
  }
}
