package io.github.ghapp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's training run, which its start-up cache is made from. */
class TrainingTest {
  @RegisterExtension
  static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo().freshPerTest();

  @TempDir Path home;

  @Test
  void train_runsTokenAndTheCredentialHelperColdThenWarm_allSucceedingOnOneMintEach() {
    GitHubEmulator emulator = github.emulator();
    Cli cli = Cli.demoApp(emulator, home);

    assertThat(Training.train(cli.environment(), "octo-org/hello-world"))
        .containsExactly(0, 0, 0, 0);

    // the helper's token is narrowed to the repository, the token command's is not
    assertThat(Cli.mints(emulator)).as("the warm runs are served from the disk cache").isEqualTo(2);
  }
}
