package io.github.ghapp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ghapp.emulator.GitHubEmulatorExtension;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Git over HTTP with an installation's {@link GitCredentials}, through JGit, against the emulator's
 * Git server.
 */
class GitOverHttpTest {
  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  @TempDir Path dir;

  @Test
  void clone_withGitCredentials_checksOutTheRepository() throws Exception {
    GitCredentials credentials =
        EmulatorApps.app(github.emulator()).gitCredentials(42, Duration.ofMinutes(30));

    try (Git git = clone("hello-world", jgit(credentials))) {
      assertThat(git.getRepository().resolve("HEAD")).isNotNull();
    }
  }

  @Test
  void clone_withTheCredentialHelperAnswer_worksAsGitWouldReadIt() throws Exception {
    String helperOutput =
        EmulatorApps.app(github.emulator())
            .gitCredentials(42, Duration.ofMinutes(30))
            .toCredentialHelperOutput();
    Map<String, String> fields = new HashMap<>();
    helperOutput
        .lines()
        .forEach(
            line ->
                fields.put(
                    line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));

    try (Git git =
        clone(
            "hello-world",
            new UsernamePasswordCredentialsProvider(
                fields.get("username"), fields.get("password")))) {
      assertThat(git.getRepository().resolve("HEAD")).isNotNull();
    }
    assertThat(Long.parseLong(fields.get("password_expiry_utc"))).isPositive();
  }

  @Test
  void clone_repositoryOutsideTheNarrowedToken_looksNotFound() {
    GitCredentials credentials =
        EmulatorApps.app(github.emulator())
            .gitCredentials(
                42,
                TokenRequest.builder().repositories("hello-world").build(),
                Duration.ofMinutes(30));

    // GitHub answers a repository outside the token's reach as if it did not exist
    assertThatThrownBy(() -> clone("docs", jgit(credentials)).close())
        .isInstanceOf(InvalidRemoteException.class);
  }

  @Test
  void push_withReadOnlyContents_isRefused() throws Exception {
    CredentialsProvider credentials =
        jgit(EmulatorApps.app(github.emulator()).gitCredentials(42, Duration.ofMinutes(30)));
    try (Git git = clone("hello-world", credentials)) {
      Files.writeString(git.getRepository().getWorkTree().toPath().resolve("new.txt"), "hello");
      git.add().addFilepattern("new.txt").call();
      git.commit()
          .setMessage("try to push")
          .setAuthor("test", "test@example.com")
          .setSign(false)
          .call();

      assertThatThrownBy(() -> git.push().setCredentialsProvider(credentials).call())
          .isInstanceOf(TransportException.class)
          .hasMessageContaining("git-receive-pack not permitted");
    }
  }

  private Git clone(String repository, CredentialsProvider credentials) throws Exception {
    File target = Files.createTempDirectory(dir, repository).toFile();
    return Git.cloneRepository()
        .setURI(github.emulator().gitUrl("octo-org", repository).toString())
        .setDirectory(target)
        .setCredentialsProvider(credentials)
        .call();
  }

  private static CredentialsProvider jgit(GitCredentials credentials) {
    return new UsernamePasswordCredentialsProvider(credentials.username(), credentials.password());
  }
}
