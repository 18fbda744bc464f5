package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Git over HTTP with installation tokens, with the git binary and with JGit: clone needs contents
 * read, push contents write, a repository outside the token's reach is not found, missing
 * credentials are asked for. Installation 42 has contents read on octo-org/hello-world and docs; 43
 * has contents write on all of octocat's.
 */
class GitOverHttpTest {

  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  @TempDir Path work;

  @BeforeAll
  static void addAPublicRepository() {
    github.emulator().createRepository("octocat", "public-code", false);
  }

  private GitCli git() {
    return new GitCli(work);
  }

  private static String token(long installation) {
    return Tokens.mint(github.emulator(), installation, "{}");
  }

  /** {@code http://x-access-token:TOKEN@127.0.0.1:PORT/owner/repo.git}, as GitHub documents it. */
  private static String url(String token, String owner, String repository) {
    URI git = github.emulator().gitUrl(owner, repository);
    return git.getScheme()
        + "://"
        + (token == null ? "" : "x-access-token:" + token + "@")
        + git.getAuthority()
        + git.getPath();
  }

  private static CredentialsProvider credentials(String token) {
    return new UsernamePasswordCredentialsProvider("x-access-token", token);
  }

  private Path commitAFile(Path clone, String name) throws IOException {
    Files.writeString(clone.resolve(name), "written by " + name + "\n");
    assertThat(git().run(clone, "add", name).succeeded()).isTrue();
    GitCli.Result commit = git().run(clone, "commit", "-m", "Add " + name);
    assertThat(commit.succeeded()).as(commit.output()).isTrue();
    return clone;
  }

  private static ObjectId remoteRef(String owner, String repository, String ref)
      throws IOException {
    try (Repository bare =
        new FileRepositoryBuilder()
            .setGitDir(github.emulator().gitDirectory(owner, repository).toFile())
            .setMustExist(true)
            .build()) {
      return bare.resolve(ref);
    }
  }

  // ---- the git binary

  @Test
  void gitClone_withContentsRead_clonesTheRepository() throws IOException {
    GitCli.Result clone =
        git().run(work, "clone", url(token(42), "octo-org", "hello-world"), "hello");

    assertThat(clone.succeeded()).as(clone.output()).isTrue();
    assertThat(Files.readString(work.resolve("hello/README.md"))).startsWith("# hello-world");
  }

  @Test
  void gitPush_withContentsReadOnly_isRefusedWriteAccessNotGranted() throws IOException {
    String token = token(42);
    assertThat(git().run(work, "clone", url(token, "octo-org", "hello-world"), "hello").succeeded())
        .isTrue();
    ObjectId before = remoteRef("octo-org", "hello-world", "refs/heads/main");

    GitCli.Result push =
        git().run(commitAFile(work.resolve("hello"), "refused.txt"), "push", "origin", "main");

    assertThat(push.succeeded()).isFalse();
    assertThat(push.output())
        .contains("remote: Write access to repository not granted.")
        .contains("403");
    assertThat(remoteRef("octo-org", "hello-world", "refs/heads/main")).isEqualTo(before);
  }

  @Test
  void gitPush_withContentsWrite_updatesTheRepository() throws IOException {
    assertThat(
            git().run(work, "clone", url(token(43), "octocat", "spoon-knife"), "spoon").succeeded())
        .isTrue();
    Path clone = commitAFile(work.resolve("spoon"), "pushed.txt");

    GitCli.Result push = git().run(clone, "push", "origin", "HEAD:refs/heads/from-git-cli");

    assertThat(push.succeeded()).as(push.output()).isTrue();
    String head = git().run(clone, "rev-parse", "HEAD").output().trim();
    assertThat(remoteRef("octocat", "spoon-knife", "refs/heads/from-git-cli").name())
        .isEqualTo(head);
  }

  @Test
  void gitClone_ofAPrivateRepositoryOutsideTheScope_isRepositoryNotFound() {
    GitCli.Result clone =
        git().run(work, "clone", url(token(42), "octo-org", "secret-plans"), "secret");

    assertThat(clone.succeeded()).isFalse();
    assertThat(clone.output()).contains("remote: Repository not found.").contains("not found");
  }

  @Test
  void gitClone_withoutCredentials_asksForThemAndFails() {
    GitCli.Result clone =
        git().run(work, "clone", url(null, "octo-org", "hello-world"), "anonymous");

    assertThat(clone.succeeded()).isFalse();
    assertThat(clone.output()).contains("could not read Username");
  }

  @Test
  void gitClone_withAnUnknownToken_failsAuthentication() {
    GitCli.Result clone =
        git().run(work, "clone", url("ghs_" + "a".repeat(36), "octo-org", "hello-world"), "bad");

    assertThat(clone.succeeded()).isFalse();
    assertThat(clone.output())
        .contains("remote: Invalid username or token")
        .contains("Authentication failed");
  }

  @Test
  void gitClone_ofAPublicRepository_worksWithAForeignTokenAndWithout_butPushIsRefused()
      throws IOException {
    GitCli.Result anonymous =
        git().run(work, "clone", url(null, "octocat", "public-code"), "anonymous");
    GitCli.Result foreign =
        git().run(work, "clone", url(token(42), "octocat", "public-code"), "foreign");
    GitCli.Result push =
        git().run(commitAFile(work.resolve("foreign"), "drive-by.txt"), "push", "origin", "main");

    assertThat(anonymous.succeeded()).as(anonymous.output()).isTrue();
    assertThat(foreign.succeeded()).as(foreign.output()).isTrue();
    assertThat(push.succeeded()).isFalse();
    assertThat(push.output()).contains("remote: Write access to repository not granted.");
  }

  @Test
  void gitClone_withoutTheGitSuffix_worksAsOnGitHub() {
    String url = url(token(42), "octo-org", "docs").replaceFirst("\\.git$", "");

    GitCli.Result clone = git().run(work, "clone", url, "docs");

    assertThat(clone.succeeded()).as(clone.output()).isTrue();
  }

  // ---- JGit

  @Test
  void jgitClone_withContentsRead_clonesTheRepository() throws GitAPIException, IOException {
    try (Git clone =
        Git.cloneRepository()
            .setURI(url(null, "octo-org", "docs"))
            .setCredentialsProvider(credentials(token(42)))
            .setDirectory(work.resolve("docs").toFile())
            .call()) {
      assertThat(clone.getRepository().resolve("HEAD"))
          .isEqualTo(remoteRef("octo-org", "docs", "refs/heads/main"));
      assertThat(work.resolve("docs/README.md")).exists();
    }
  }

  @Test
  void jgitPush_withContentsWrite_updatesTheRepository_andWithReadOnlyIsRefused() throws Exception {
    String writer = token(43);
    try (Git clone =
        Git.cloneRepository()
            .setURI(url(null, "octocat", "spoon-knife"))
            .setCredentialsProvider(credentials(writer))
            .setDirectory(work.resolve("spoon").toFile())
            .call()) {
      Files.writeString(work.resolve("spoon/jgit.txt"), "from JGit\n");
      clone.add().addFilepattern("jgit.txt").call();
      RevCommit commit =
          clone
              .commit()
              .setMessage("Add jgit.txt")
              .setAuthor("Test", "test@example.invalid")
              .setCommitter("Test", "test@example.invalid")
              .call();

      clone
          .push()
          .setCredentialsProvider(credentials(writer))
          .setRefSpecs(new RefSpec("HEAD:refs/heads/from-jgit"))
          .call();

      assertThat(remoteRef("octocat", "spoon-knife", "refs/heads/from-jgit"))
          .isEqualTo(commit.getId());
    }
    String reader =
        Tokens.mint(github.emulator(), 43, "{\"permissions\": {\"contents\": \"read\"}}");
    try (Git clone =
        Git.cloneRepository()
            .setURI(url(null, "octocat", "spoon-knife"))
            .setCredentialsProvider(credentials(reader))
            .setDirectory(work.resolve("read-only").toFile())
            .call()) {
      assertThatThrownBy(
              () ->
                  clone
                      .push()
                      .setCredentialsProvider(credentials(reader))
                      .setRefSpecs(new RefSpec("HEAD:refs/heads/refused"))
                      .call())
          .isInstanceOf(TransportException.class);
    }
    assertThat(remoteRef("octocat", "spoon-knife", "refs/heads/refused")).isNull();
  }

  @Test
  void jgitClone_outsideTheScope_isNoSuchRemoteRepository() {
    assertThatThrownBy(
            () ->
                Git.cloneRepository()
                    .setURI(url(null, "octo-org", "secret-plans"))
                    .setCredentialsProvider(credentials(token(42)))
                    .setDirectory(work.resolve("secret").toFile())
                    .call())
        .isInstanceOf(InvalidRemoteException.class)
        .hasRootCauseInstanceOf(NoRemoteRepositoryException.class);
  }

  // ---- the protocol, seen by a plain HTTP client

  @Test
  void infoRefs_withoutCredentials_is401WithGitHubsBasicChallenge() {
    Http.Reply reply =
        Http.at(URI.create(url(null, "octo-org", "hello-world")))
            .get("/info/refs?service=git-upload-pack");

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.header("WWW-Authenticate")).isEqualTo("Basic realm=\"GitHub\"");
  }

  @Test
  void infoRefs_withAJwtAsPassword_is401() {
    String basic =
        Base64.getEncoder()
            .encodeToString(
                ("x-access-token:" + Tokens.jwt(github.emulator(), 1001))
                    .getBytes(StandardCharsets.UTF_8));

    Http.Reply reply =
        Http.at(URI.create(url(null, "octo-org", "hello-world")))
            .header("Authorization", "Basic " + basic)
            .get("/info/refs?service=git-upload-pack");

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.header("WWW-Authenticate")).isEqualTo("Basic realm=\"GitHub\"");
  }

  @Test
  void gitRequests_areRecordedWithTheBasicCredentialKind() {
    github.emulator().clearRequests();

    git().run(work, "clone", url(token(42), "octo-org", "hello-world"), "logged");

    assertThat(github.emulator().requests())
        .anySatisfy(
            r -> {
              assertThat(r.path()).isEqualTo("/octo-org/hello-world.git/git-upload-pack");
              assertThat(r.credential()).isEqualTo(CredentialKind.BASIC);
              assertThat(r.installationId()).isEqualTo(42L);
              assertThat(r.status()).isEqualTo(200);
            });
  }

  @Test
  void ghesMode_servesGitAtTheHostRoot() throws GitAPIException, IOException {
    try (GitHubEmulator ghes = GitHubEmulator.builder().demoState().ghes(true).build().start();
        Git clone =
            Git.cloneRepository()
                .setURI(ghes.gitUrl("octo-org", "hello-world").toString())
                .setCredentialsProvider(credentials(Tokens.mint(ghes, 42, "{}")))
                .setDirectory(work.resolve("ghes").toFile())
                .call()) {
      assertThat(ghes.gitUrl("octo-org", "hello-world").getPath())
          .isEqualTo("/octo-org/hello-world.git");
      assertThat(clone.getRepository().getFullBranch()).isEqualTo("refs/heads/main");
      assertThat(work.resolve("ghes/README.md")).exists();
    }
  }
}
