package io.github.ghapp.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.GitHubClient;
import io.github.ghapp.auth.NotFoundException;
import io.github.ghapp.auth.TokenProvider;
import io.github.ghapp.emulator.CredentialKind;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import io.github.ghapp.emulator.RecordedRequest;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** JGit's real clone and push over HTTP against the emulator's Git server, with ghapp's tokens. */
class GitHubAppCredentialsProviderTest {
  private static final long APP_ID = 1001;

  /** Installation 43 (octocat, every repository) may write contents; 42 only reads them. */
  private static final long WRITER = 43;

  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  @TempDir Path dir;

  private GitHubApp app;

  @BeforeEach
  void newApp() {
    app =
        GitHubApp.builder()
            .appId(APP_ID)
            .privateKey(emu().app(APP_ID).privateKeyPem())
            .baseUrl(emu().baseUrl())
            .clock(emu().clock())
            .build();
    emu().clearRequests();
  }

  @Test
  void cloneAndPush_asTheInstallation_withOneMint() throws Exception {
    CredentialsProvider credentials = credentials(app.tokenProvider(WRITER));

    try (Git git = clone("octocat", "spoon-knife", credentials)) {
      Files.writeString(git.getRepository().getWorkTree().toPath().resolve("hello.txt"), "hi");
      git.add().addFilepattern("hello.txt").call();
      ObjectId commit =
          git.commit()
              .setMessage("Say hello")
              .setAuthor("octo-app[bot]", "bot@example.com")
              .setSign(false)
              .call()
              .getId();
      git.push().setCredentialsProvider(credentials).call();

      try (Repository onGitHub =
          new FileRepositoryBuilder()
              .setGitDir(emu().gitDirectory("octocat", "spoon-knife").toFile())
              .build()) {
        assertThat(onGitHub.resolve("refs/heads/main")).isEqualTo(commit);
      }
    }
    assertThat(emu().requests()).filteredOn(RecordedRequest::isMint).hasSize(1);
    assertThat(emu().requests())
        .filteredOn(r -> r.credential() == CredentialKind.BASIC)
        .extracting(RecordedRequest::status)
        .containsOnly(200);
  }

  @Test
  void aCloneAfterTheFirstTokenExpired_succeeds_withANewToken() throws Exception {
    TokenProvider tokens = app.tokenProvider(42);
    CredentialsProvider credentials = credentials(tokens);
    clone("octo-org", "hello-world", credentials).close();
    String first = tokens.token();
    emu().clearRequests();

    emu().clock().advance(Duration.ofMinutes(61));
    clone("octo-org", "hello-world", credentials).close();

    assertThat(emu().requests()).filteredOn(RecordedRequest::isMint).hasSize(1);
    assertThat(emu().token(first).orElseThrow().isExpiredAt(emu().now())).isTrue();
    assertThat(tokens.token()).isNotEqualTo(first);
  }

  @Test
  void aTokenWithLessThanTheMarginLeft_isNotHandedOut_butReplaced() throws Exception {
    TokenProvider tokens = app.tokenProvider(42);
    clone("octo-org", "hello-world", credentials(tokens)).close();
    emu().clearRequests();

    // 25 minutes left: fresh for ghapp (it refreshes 15 minutes ahead), short of a 30-minute
    // margin.
    emu().clock().advance(Duration.ofMinutes(35));
    clone("octo-org", "hello-world", credentials(tokens)).close();
    long mintsWithTheDefaultMargin =
        emu().requests().stream().filter(RecordedRequest::isMint).count();
    clone(
            "octo-org",
            "hello-world",
            GitHubAppCredentialsProvider.of(gitHost(), tokens, Duration.ofMinutes(30)))
        .close();

    assertThat(mintsWithTheDefaultMargin).isZero();
    assertThat(emu().requests()).filteredOn(RecordedRequest::isMint).hasSize(1);
  }

  @Test
  void aTokenRevokedBehindGhappsBack_isDroppedOnReset_andTheSameCloneSucceeds() throws Exception {
    TokenProvider tokens = app.tokenProvider(42);
    CredentialsProvider credentials = credentials(tokens);
    clone("octo-org", "hello-world", credentials).close();
    GitHubClient.revoke(emu().baseUrl(), tokens.token());
    emu().clearRequests();

    // JGit tells the provider the token was refused (reset), then asks it once more.
    clone("octo-org", "hello-world", credentials).close();

    assertThat(emu().requests())
        .extracting(r -> r.method() + " " + r.path() + " " + r.status() + " " + r.credential())
        .containsExactly(
            "GET /octo-org/hello-world.git/info/refs 401 NONE",
            "GET /octo-org/hello-world.git/info/refs 401 INVALID",
            "POST /app/installations/42/access_tokens 201 JWT",
            "GET /octo-org/hello-world.git/info/refs 200 BASIC",
            "POST /octo-org/hello-world.git/git-upload-pack 200 BASIC");
  }

  @Test
  void anotherHost_isAnsweredNothing_soItNeverSeesTheToken() throws Exception {
    GitHubAppCredentialsProvider credentials = credentials(app.tokenProvider(42));
    CredentialItem.Username user = new CredentialItem.Username();
    CredentialItem.Password password = new CredentialItem.Password();

    boolean answered =
        credentials.get(
            new URIish("http://localhost:" + emu().port() + "/octo-org/hello-world.git"),
            user,
            password);

    assertThat(answered).isFalse();
    assertThat(password.getValue()).isNull();
    assertThat(emu().requests()).isEmpty();
    assertThatThrownBy(
            () ->
                Git.cloneRepository()
                    .setURI("http://localhost:" + emu().port() + "/octo-org/hello-world.git")
                    .setDirectory(dir.resolve("elsewhere").toFile())
                    .setCredentialsProvider(credentials)
                    .call())
        .isInstanceOf(TransportException.class);
    assertThat(emu().requests())
        .extracting(RecordedRequest::credential)
        .containsOnly(CredentialKind.NONE);
  }

  @Test
  void aTokenGhappCannotGet_failsTheClone_withGhappsTypedError() {
    CredentialsProvider credentials = credentials(app.tokenProvider(99));

    assertThatThrownBy(() -> clone("octo-org", "hello-world", credentials).close())
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("This app has no installation 99");
  }

  @Test
  void toString_namesTheHostAndMargin_neverTheToken() {
    TokenProvider tokens = app.tokenProvider(42);
    GitHubAppCredentialsProvider credentials = credentials(tokens);

    assertThat(credentials.toString())
        .contains("127.0.0.1", "PT10M")
        .doesNotContain(tokens.token());
  }

  private GitHubAppCredentialsProvider credentials(TokenProvider tokens) {
    return GitHubAppCredentialsProvider.of(gitHost(), tokens);
  }

  /** The emulator serves Git at its root, on the API's host and port. */
  private static URI gitHost() {
    return emu().gitUrl("octo-org", "hello-world").resolve("/");
  }

  private Git clone(String owner, String repository, CredentialsProvider credentials)
      throws Exception {
    File target = Files.createTempDirectory(dir, repository).toFile();
    return Git.cloneRepository()
        .setURI(emu().gitUrl(owner, repository).toString())
        .setDirectory(target)
        .setCredentialsProvider(credentials)
        .call();
  }

  private static GitHubEmulator emu() {
    return github.emulator();
  }
}
