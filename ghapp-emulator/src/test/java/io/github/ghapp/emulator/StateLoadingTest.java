package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.ghapp.emulator.internal.state.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state file: keys generated or read, Git repositories created, mistakes explained. */
class StateLoadingTest {

  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  @Test
  void privateKeyFile_missing_isGeneratedAsPkcs1_andReusedOnTheNextStart() throws IOException {
    Path state =
        write("state.yaml", "apps:\n  - {id: 5, slug: keyed, private_key_file: keys/keyed.pem}\n");
    String firstPem;
    try (GitHubEmulator emu = GitHubEmulator.builder().state(state).build().start()) {
      firstPem = emu.app(5).privateKeyPem();
    }
    Path keyFile = dir.resolve("keys/keyed.pem");

    assertThat(Files.readString(keyFile))
        .isEqualTo(firstPem)
        .startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertOwnerOnly(keyFile);
    try (GitHubEmulator emu = GitHubEmulator.builder().state(state).build().start()) {
      assertThat(emu.app(5).privateKeyPem()).isEqualTo(firstPem);
    }
  }

  @Test
  void demoState_inAGivenDataDirectory_writesTheDemoKeyReadableByItsOwnerOnly() {
    Path data = dir.resolve("data");
    try (GitHubEmulator emu =
        GitHubEmulator.builder().demoState().dataDirectory(data).build().start()) {
      assertThat(data.resolve("octo-app.pem")).hasContent(emu.app(1001).privateKeyPem().strip());
    }

    assertOwnerOnly(data.resolve("octo-app.pem"));
  }

  @Test
  void privateKeyFile_thatExists_keepsItsOwnPermissions() throws IOException {
    assumeTrue(posix());
    Path key =
        write(
            "given.pem", Pem.toPkcs1Pem((RSAPrivateCrtKey) Pem.generateRsaKeyPair().getPrivate()));
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
    Path state =
        write("state.yaml", "apps:\n  - {id: 8, slug: given, private_key_file: given.pem}\n");

    GitHubEmulator.builder().state(state).build().start().stop();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-r-----");
  }

  /**
   * 0600: a generated private key is for its owner's eyes only. Skipped where files have no POSIX
   * mode.
   */
  private static void assertOwnerOnly(Path keyFile) {
    assumeTrue(posix(), "the file system has no POSIX permissions");
    try {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
          .isEqualTo("rw-------");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  @Test
  void privateKeyFile_inPkcs8_isAccepted() throws IOException {
    RSAPrivateCrtKey key = (RSAPrivateCrtKey) Pem.generateRsaKeyPair().getPrivate();
    String pkcs8 =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(key.getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    write("app.pem", pkcs8);
    Path state =
        write("state.yaml", "apps:\n  - {id: 6, slug: pkcs8, private_key_file: app.pem}\n");

    try (GitHubEmulator emu = GitHubEmulator.builder().state(state).build().start()) {
      String jwt = Jwts.forApp(pkcs8, 6, emu.clock().instant());
      assertThat(Http.at(emu.baseUrl()).bearer(jwt).get("/app").status()).isEqualTo(200);
    }
  }

  @Test
  void publicKeyFile_verifiesJwts_butTheEmulatorHoldsNoPrivateKey() throws IOException {
    RSAPrivateCrtKey key = (RSAPrivateCrtKey) Pem.generateRsaKeyPair().getPrivate();
    write("app.pub", Pem.toPublicPem(Pem.publicKeyOf(key)));
    Path state =
        write(
            "state.json",
            "{\"apps\": [{\"id\": 7, \"slug\": \"public-only\", \"public_key_file\": \"app.pub\"}]}");

    try (GitHubEmulator emu = GitHubEmulator.builder().state(state).build().start()) {
      String jwt = Jwts.forApp(Pem.toPkcs1Pem(key), 7, emu.clock().instant());
      assertThat(Http.at(emu.baseUrl()).bearer(jwt).get("/app").status()).isEqualTo(200);
      assertThatThrownBy(() -> emu.app(7).privateKeyPem())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("only public keys");
    }
  }

  @Test
  void repositories_areRealBareGitRepositories_withAReadmeOnMain() throws IOException {
    try (GitHubEmulator emu =
        GitHubEmulator.builder()
            .stateJson(
                "{\"accounts\": [{\"login\": \"acme\", "
                    + "\"type\": \"Organization\", \"repositories\": [\"rockets\", {\"name\": \"site\", \"private\": false}]}]}")
            .build()
            .start()) {
      Path gitDir = emu.gitDirectory("acme", "rockets");

      try (org.eclipse.jgit.lib.Repository git =
              new FileRepositoryBuilder().setGitDir(gitDir.toFile()).build();
          RevWalk walk = new RevWalk(git)) {
        assertThat(git.isBare()).isTrue();
        assertThat(git.getFullBranch()).isEqualTo("refs/heads/main");
        RevCommit commit = walk.parseCommit(git.resolve("refs/heads/main"));
        try (TreeWalk readme = TreeWalk.forPath(git, "README.md", commit.getTree())) {
          ObjectId blob = readme.getObjectId(0);
          ObjectLoader content = git.open(blob);
          assertThat(new String(content.getBytes())).startsWith("# rockets");
        }
      }
      assertThat(Http.at(emu.baseUrl()).get("/repos/acme/site").json.get("private").asBoolean())
          .isFalse();
    }
  }

  @Test
  void installationWithoutPermissions_hasAllOfItsApps() {
    try (GitHubEmulator emu =
        GitHubEmulator.builder()
            .stateYaml(
                "apps:\n  - {id: 3, slug: full, permissions: "
                    + "{issues: write, checks: read}}\naccounts:\n  - {login: me, type: User, repositories: [r]}\n"
                    + "installations:\n  - {id: 30, app: 3, account: me}\n")
            .build()
            .start()) {
      Http.Reply minted = Tokens.mintReplyFor(emu, 3, 30);

      assertThat(minted.json.get("permissions").toString())
          .isEqualTo("{\"checks\":\"read\",\"issues\":\"write\",\"metadata\":\"read\"}");
      assertThat(minted.json.get("repository_selection").asText()).isEqualTo("all");
    }
  }

  @Test
  void apps_listEveryAppOfTheStateInIdOrder_andAppsCreatedLater() {
    try (GitHubEmulator emu =
        GitHubEmulator.builder()
            .stateYaml(
                "apps:\n  - {id: 20, slug: second}\n"
                    + "  - {id: 10, slug: first, client_id: Iv23liFirst}\n")
            .build()
            .start()) {
      emu.createApp(30, "third", Map.of(), List.of());

      assertThat(emu.apps())
          .extracting(EmulatedApp::id, EmulatedApp::slug)
          .containsExactly(tuple(10L, "first"), tuple(20L, "second"), tuple(30L, "third"));
      assertThat(emu.apps().get(0).clientId()).isEqualTo("Iv23liFirst");
      assertThat(emu.apps().get(2).privateKeyPem()).isEqualTo(emu.app(30).privateKeyPem());
    }
  }

  @Test
  void builder_refusesTwoStateSources_namingTheFirst() {
    assertThatThrownBy(() -> GitHubEmulator.builder().demoState().stateYaml("apps: []"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already set by demoState()");
    assertThatThrownBy(() -> GitHubEmulator.builder().state(dir.resolve("missing.yaml")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void lifecycle_stopIsIdempotent_deletesTheTemporaryDataDirectory_butKeepsAGivenOne() {
    GitHubEmulator temporary = GitHubEmulator.builder().build().start();
    Path temporaryData = temporary.dataDirectory();
    assertThat(temporary.start()).isSameAs(temporary);
    temporary.stop();
    temporary.close();
    assertThat(temporaryData).doesNotExist();
    assertThatThrownBy(temporary::baseUrl).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(temporary::start).isInstanceOf(IllegalStateException.class);

    Path kept = dir.resolve("kept");
    try (GitHubEmulator emu =
        GitHubEmulator.builder()
            .dataDirectory(kept)
            .stateYaml("accounts:\n  - {login: me, type: User, repositories: [r]}\n")
            .build()
            .start()) {
      assertThat(emu.baseUrl().getHost()).isEqualTo("127.0.0.1");
    }
    assertThat(kept.resolve("git/me/r.git/HEAD")).exists();
  }

  @Test
  void port_given_isTheOneServed_andOneInUseIsRefusedSayingHowToFixIt() {
    int port;
    try (GitHubEmulator first = GitHubEmulator.builder().build().start()) {
      port = first.port();
      assertThatThrownBy(() -> GitHubEmulator.builder().port(port).build().start())
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageStartingWith(
              "cannot start the emulator: port " + port + " of 127.0.0.1 is taken")
          .hasMessageEndingWith("choose another port (0 for any free one)");
    }

    try (GitHubEmulator again = GitHubEmulator.builder().port(port).build().start()) {
      assertThat(again.baseUrl()).hasToString("http://127.0.0.1:" + port);
    }
    assertThatThrownBy(() -> GitHubEmulator.builder().port(70_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("between 0 and 65535");
  }

  @Test
  void beforeStart_accessorsSaySoClearly() {
    GitHubEmulator emu = GitHubEmulator.builder().build();

    assertThatThrownBy(emu::baseUrl)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("start()");
  }
}
