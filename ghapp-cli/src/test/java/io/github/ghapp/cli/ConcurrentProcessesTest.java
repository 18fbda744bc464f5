package io.github.ghapp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several ghapp processes sharing one cache, as parallel git commands run their helper: one mint.
 */
class ConcurrentProcessesTest {
  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  @TempDir Path home;

  @Test
  void token_inFourProcessesAtOnce_mintsOnceAndAllPrintTheSameToken() throws Exception {
    GitHubEmulator emulator = github.emulator();
    Path key = home.resolve("octo-app.pem");
    Files.writeString(key, emulator.app(1001).privateKeyPem());
    emulator.clearRequests();

    List<CompletableFuture<Processes.Outcome>> running = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ProcessBuilder process =
          new ProcessBuilder(
              Processes.concat(
                  Processes.ghappCommand(),
                  "token",
                  "--base-url",
                  emulator.baseUrl().toString(),
                  "--client-id",
                  "Iv23liDemo",
                  "--private-key",
                  key.toString(),
                  "--installation-id",
                  "42"));
      Processes.isolated(process, home);
      running.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return Processes.run(process, "");
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }));
    }
    List<String> tokens = new ArrayList<>();
    for (CompletableFuture<Processes.Outcome> outcome : running) {
      assertThat(outcome.get().exitCode()).as(outcome.get().output()).isZero();
      tokens.add(outcome.get().output().strip());
    }

    assertThat(Cli.mints(emulator)).isEqualTo(1);
    assertThat(tokens).hasSize(4).allMatch(t -> t.equals(tokens.get(0)));
  }
}
