package io.github.ghapp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import io.github.ghapp.emulator.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regression (security review, further bug 12): what the installation cache holds is checked before
 * it is used; a bad entry costs one look-up and is healed.
 */
class InstallationCacheTest {
  @RegisterExtension
  static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo().freshPerTest();

  @TempDir Path home;
  GitHubEmulator emulator;
  Cli cli;

  @BeforeEach
  void setUp() {
    emulator = github.emulator();
    cli = Cli.demoApp(emulator, home);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "abc", "", "43", "43 octocat", "42 octocat"})
  void token_withABadCacheEntry_looksUpOnceMintsForTheRightInstallationAndHeals(String entry)
      throws Exception {
    assertThat(cli.run("token", "--repo", "octo-org/hello-world").exitCode()).isZero();
    for (Path file : entries()) {
      Files.writeString(file, entry);
    }
    for (Path file : tokenFiles()) {
      Files.delete(file);
    }
    int before = emulator.requests().size();

    Cli.Result result = cli.run("token", "--repo", "octo-org/hello-world");

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<RecordedRequest> sent = emulator.requests().subList(before, emulator.requests().size());
    assertThat(sent)
        .extracting(r -> r.method() + " " + r.path())
        .containsExactly(
            "GET /repos/octo-org/hello-world/installation",
            "POST /app/installations/42/access_tokens");
    assertThat(entries()).singleElement().satisfies(f -> assertThat(f).hasContent("42 octo-org"));
  }

  @Test
  void token_withASoundCacheEntry_looksNothingUp() throws Exception {
    cli.run("token", "--repo", "octo-org/hello-world");
    for (Path file : tokenFiles()) {
      Files.delete(file);
    }
    int before = emulator.requests().size();

    assertThat(cli.run("token", "--repo", "octo-org/hello-world").exitCode()).isZero();

    assertThat(emulator.requests().subList(before, emulator.requests().size()))
        .extracting(r -> r.method() + " " + r.path())
        .containsExactly("POST /app/installations/42/access_tokens");
  }

  @Test
  void token_afterTheAppWasReinstalled_looksUpOnceAndMintsForTheNewInstallation() throws Exception {
    cli.run("token", "--repo", "octocat/spoon-knife");
    deleteTokenFiles();
    emulator.deleteInstallation(43);
    long reinstalled = emulator.createInstallation(1001, "octocat");
    int before = emulator.requests().size();

    Cli.Result result = cli.run("token", "--repo", "octocat/spoon-knife");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(emulator.requests().subList(before, emulator.requests().size()))
        .extracting(r -> r.method() + " " + r.path() + " " + r.status())
        .containsExactly(
            "POST /app/installations/43/access_tokens 404",
            "GET /repos/octocat/spoon-knife/installation 200",
            "POST /app/installations/" + reinstalled + "/access_tokens 201");
    assertThat(entries())
        .singleElement()
        .satisfies(f -> assertThat(f).hasContent(reinstalled + " octocat"));
  }

  @Test
  void token_afterTheAppWasUninstalled_saysSoInOneLineAndForgetsTheInstallation() throws Exception {
    cli.run("token", "--repo", "octocat/spoon-knife");
    deleteTokenFiles();
    emulator.deleteInstallation(43);

    Cli.Result first = cli.run("token", "--repo", "octocat/spoon-knife");
    int before = emulator.requests().size();
    Cli.Result second = cli.run("token", "--repo", "octocat/spoon-knife");

    assertThat(first.exitCode()).isEqualTo(1);
    assertThat(first.errLines())
        .singleElement()
        .asString()
        .startsWith("ghapp: the app is not installed on repository octocat/spoon-knife");
    assertThat(second.exitCode()).isEqualTo(1);
    assertThat(emulator.requests().subList(before, emulator.requests().size()))
        .as("the forgotten id is not tried again")
        .extracting(r -> r.method() + " " + r.path())
        .containsExactly("GET /repos/octocat/spoon-knife/installation");
  }

  private void deleteTokenFiles() throws Exception {
    for (Path file : tokenFiles()) {
      Files.delete(file);
    }
  }

  private List<Path> entries() throws Exception {
    try (Stream<Path> files = Files.list(cli.cacheDirectory().resolve("installations"))) {
      return files.filter(f -> !f.getFileName().toString().startsWith(".")).toList();
    }
  }

  private List<Path> tokenFiles() throws Exception {
    Path tokens = cli.cacheDirectory().resolve("tokens");
    if (!Files.isDirectory(tokens)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(tokens)) {
      return files.filter(f -> f.toString().endsWith(".token")).toList();
    }
  }
}
