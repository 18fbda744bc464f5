package io.github.ghapp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (security review #6 and further bug 19): a cache directory that cannot be used costs
 * one warning, not the command; the cache directory is owner-only.
 */
class CacheDirectoryTest {
  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  @TempDir Path home;
  GitHubEmulator emulator;
  Cli cli;
  String host;

  @BeforeEach
  void setUp() {
    emulator = github.emulator();
    cli = Cli.demoApp(emulator, home);
    host = emulator.baseUrl().getHost() + ":" + emulator.baseUrl().getPort();
  }

  @Test
  void token_withACacheDirectoryThatCannotBeCreated_warnsOnceAndPrintsTheToken() {
    Cli.Result result =
        cli.env("XDG_CACHE_HOME", "/proc/nonexistent").run("token", "--installation-id", "42");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).startsWith("ghs_");
    assertThat(result.errLines())
        .singleElement()
        .asString()
        .startsWith("ghapp: warning: cannot use the cache directory /proc/nonexistent/ghapp (")
        .endsWith(
            "); going on without it, so each run mints a new token. Set XDG_CACHE_HOME to a"
                + " writable directory, or pass --no-cache.");
  }

  @Test
  void token_withAFileWhereTheCacheDirectoryShouldBe_warnsAndPrintsTheToken() throws Exception {
    Path cache = Files.createDirectories(home.resolve("c1"));
    Files.writeString(cache.resolve("ghapp"), "x");

    Cli.Result result =
        cli.env("XDG_CACHE_HOME", cache.toString()).run("token", "--installation-id", "42");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).startsWith("ghs_");
    assertThat(result.errLines())
        .singleElement()
        .asString()
        .contains("(a file is where a directory should be at " + cache.resolve("ghapp") + ")");
  }

  @Test
  void token_whenTheTokenFileCannotBeWritten_warnsAndPrintsTheMintedToken() throws Exception {
    assertThat(cli.run("token", "--installation-id", "42").exitCode()).isZero();
    for (Path file : tokenFiles()) {
      Files.delete(file);
      Files.createDirectories(file.resolve("in-the-way"));
    }

    Cli.Result result = cli.run("token", "--installation-id", "42");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).startsWith("ghs_");
    assertThat(result.errLines()).singleElement().asString().startsWith("ghapp: warning: ");
  }

  @Test
  void gitCredential_withAnUnusableCache_stillAnswersGit() {
    Cli.Result result =
        cli.env("XDG_CACHE_HOME", "/proc/nonexistent")
            .stdin(request())
            .run("git-credential", "get");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("password=ghs_");
    assertThat(result.errLines()).singleElement().asString().startsWith("ghapp: warning: ");
  }

  @Test
  void gitCredential_withNoCache_answersAndWritesNothing() {
    Cli.Result result = cli.stdin(request()).run("git-credential", "--no-cache", "get");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("password=ghs_");
    assertThat(result.err()).isEmpty();
    assertThat(cli.cacheDirectory()).doesNotExist();
  }

  @Test
  void token_createsTheCacheDirectoryOwnerOnly() throws Exception {
    assertThat(cli.run("token", "--installation-id", "42").exitCode()).isZero();

    for (Path dir :
        List.of(
            cli.cacheDirectory(),
            cli.cacheDirectory().resolve("tokens"),
            cli.cacheDirectory().resolve("installations"))) {
      if (Files.exists(dir)) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
            .as(dir.toString())
            .isEqualTo("rwx------");
      }
    }
    assertThat(cli.cacheDirectory()).isDirectory();
  }

  private List<Path> tokenFiles() throws Exception {
    try (Stream<Path> files = Files.list(cli.cacheDirectory().resolve("tokens"))) {
      return files.filter(f -> f.toString().endsWith(".token")).toList();
    }
  }

  private String request() {
    return "protocol=http\nhost=" + host + "\npath=octo-org/hello-world.git\n\n";
  }
}
