package io.github.ghapp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ghapp.auth.internal.jwt.PemKeys;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import io.github.ghapp.emulator.RecordedRequest;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CreateTokenTest {
  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  @BeforeEach
  void resetEmulator() {
    github.emulator().faults().clear();
    github.emulator().clearRequests();
  }

  @Test
  void createToken_withKnownInstallationId_sendsExactlyOneRequest() {
    GitHubApp app = EmulatorApps.app(github.emulator());
    github.emulator().clearRequests();

    app.createToken(42);

    assertThat(github.emulator().requests()).hasSize(1).allMatch(RecordedRequest::isMint);
  }

  @Test
  void createToken_answer_carriesExpiryScopeAndRepositories() {
    GitHubApp app = EmulatorApps.app(github.emulator());

    InstallationToken token =
        app.createToken(
            42,
            TokenRequest.builder()
                .repositories("hello-world")
                .permission("issues", "write")
                .build());

    assertThat(token.expiresAt())
        .isAfter(github.emulator().clock().instant().plus(Duration.ofMinutes(59)));
    assertThat(token.permissions()).containsEntry("issues", "write").doesNotContainKey("contents");
    assertThat(token.repositorySelection()).isEqualTo("selected");
    assertThat(token.repositories())
        .extracting(Repository::fullName)
        .containsExactly("octo-org/hello-world");
  }

  @Test
  void createToken_narrowedToOneRepository_reachesOnlyThatRepository() {
    GitHubApp app = EmulatorApps.app(github.emulator());

    String token =
        app.createToken(42, TokenRequest.builder().repositories("hello-world").build()).token();

    assertThat(
            EmulatorApps.statusWithToken(github.emulator(), "/repos/octo-org/hello-world", token))
        .isEqualTo(200);
    assertThat(EmulatorApps.statusWithToken(github.emulator(), "/repos/octo-org/docs", token))
        .isEqualTo(404);
    assertThat(
            EmulatorApps.statusWithToken(github.emulator(), "/repos/octo-org/secret-plans", token))
        .isEqualTo(404);
  }

  @Test
  void createToken_narrowedByRepositoryId_reachesOnlyThatRepository() {
    GitHubApp app = EmulatorApps.app(github.emulator());
    long docsId =
        app.createToken(42).repositories().stream()
            .filter(r -> r.name().equals("docs"))
            .findFirst()
            .orElseThrow()
            .id();

    String token =
        app.createToken(42, TokenRequest.builder().repositoryIds(docsId).build()).token();

    assertThat(EmulatorApps.statusWithToken(github.emulator(), "/repos/octo-org/docs", token))
        .isEqualTo(200);
    assertThat(
            EmulatorApps.statusWithToken(github.emulator(), "/repos/octo-org/hello-world", token))
        .isEqualTo(404);
  }

  @Test
  void createToken_withEverything_reachesEveryRepositoryOfTheInstallationOnly() {
    String token = EmulatorApps.app(github.emulator()).createToken(42).token();

    assertThat(
            EmulatorApps.statusWithToken(github.emulator(), "/repos/octo-org/hello-world", token))
        .isEqualTo(200);
    assertThat(EmulatorApps.statusWithToken(github.emulator(), "/repos/octo-org/docs", token))
        .isEqualTo(200);
    assertThat(
            EmulatorApps.statusWithToken(github.emulator(), "/repos/octo-org/secret-plans", token))
        .isEqualTo(404);
  }

  @Test
  void createToken_permissionNotGranted_isPermissionsNotGranted() {
    GitHubApp app = EmulatorApps.app(github.emulator());

    assertThatThrownBy(
            () ->
                app.createToken(
                    42, TokenRequest.builder().permission("administration", "write").build()))
        .isInstanceOf(PermissionsNotGrantedException.class)
        .hasMessageContaining("at or below the granted level")
        .hasMessageContaining("GET /app/installations/{installation_id}")
        .hasMessageNotContaining("()") // a CLI user reads it too: GitHub's terms, not Java's
        .satisfies(e -> assertThat(((GitHubException) e).status()).isEqualTo(422))
        .satisfies(e -> assertThat(((GitHubException) e).isRetryable()).isFalse());
  }

  @Test
  void createToken_levelAboveTheGrant_isPermissionsNotGranted() {
    GitHubApp app = EmulatorApps.app(github.emulator());

    assertThatThrownBy(
            () ->
                app.createToken(42, TokenRequest.builder().permission("contents", "write").build()))
        .isInstanceOf(PermissionsNotGrantedException.class);
  }

  @Test
  void createToken_repositoryOutsideTheInstallation_isRepositoryNotAccessible() {
    GitHubApp app = EmulatorApps.app(github.emulator());

    assertThatThrownBy(
            () -> app.createToken(42, TokenRequest.builder().repositories("secret-plans").build()))
        .isInstanceOf(RepositoryNotAccessibleException.class)
        .hasMessageContaining("without their owner");
  }

  @Test
  void createToken_unknownInstallation_isNotFoundPointingToTheLookUps() {
    GitHubApp app = EmulatorApps.app(github.emulator());

    assertThatThrownBy(() -> app.createToken(999))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("no installation 999")
        .hasMessageContaining("GET /app/installations")
        .hasMessageNotContaining("()");
  }

  @Test
  void createToken_suspendedInstallation_isInstallationSuspended() {
    github.emulator().suspend(43);
    try {
      assertThatThrownBy(() -> EmulatorApps.app(github.emulator()).createToken(43))
          .isInstanceOf(InstallationSuspendedException.class)
          .hasMessageContaining("unsuspends")
          .satisfies(e -> assertThat(((GitHubException) e).status()).isEqualTo(403));
    } finally {
      github.emulator().unsuspend(43);
    }
  }

  @Test
  void revoke_mintedToken_isRefusedAfterwards() {
    GitHubApp app = EmulatorApps.app(github.emulator());
    InstallationToken token = app.createToken(42);
    assertThat(
            EmulatorApps.statusWithToken(
                github.emulator(), "/installation/repositories", token.token()))
        .isEqualTo(200);

    app.revoke(token);

    assertThat(
            EmulatorApps.statusWithToken(
                github.emulator(), "/installation/repositories", token.token()))
        .isEqualTo(401);
  }

  @Test
  void revoke_alreadyRevokedToken_isQuiet() {
    GitHubApp app = EmulatorApps.app(github.emulator());
    InstallationToken token = app.createToken(42);
    app.revoke(token);

    app.revoke(token);
  }

  @Test
  void createToken_withLongStatelessTokens_worksWithoutAssumingALength() {
    try (GitHubEmulator emu =
        GitHubEmulator.builder().demoState().longTokens(true).build().start()) {
      GitHubApp app = EmulatorApps.app(emu);

      InstallationToken token =
          app.createToken(42, TokenRequest.builder().repositories("hello-world").build());

      assertThat(token.token().length()).isGreaterThan(255);
      assertThat(
              app.installationClient(42)
                  .request(
                      "GET /repos/{owner}/{repo}",
                      Map.of("owner", "octo-org", "repo", "hello-world"))
                  .path("name")
                  .asText())
          .isEqualTo("hello-world");
      assertThat(token.toString()).doesNotContain(token.token());
    }
  }

  @Test
  void createToken_onGhes_usesApiV3Paths() {
    try (GitHubEmulator emu = GitHubEmulator.builder().demoState().ghes(true).build().start()) {
      GitHubApp app = EmulatorApps.app(emu);
      emu.clearRequests();

      app.createToken(42);
      app.installationClient(42).request("GET /installation/repositories");

      assertThat(app.baseUrl().getPath()).isEqualTo("/api/v3");
      assertThat(app.graphqlUrl().getPath()).isEqualTo("/api/graphql");
      // createToken mints, and so does the client's own provider
      assertThat(emu.requests())
          .hasSize(3)
          .allSatisfy(r -> assertThat(r.path()).startsWith("/api/v3/"))
          .extracting(RecordedRequest::status)
          .containsExactly(201, 201, 200);
    }
  }

  @Test
  void createToken_withASignerKeepingTheKeyElsewhere_signsThroughIt() {
    PrivateKey key =
        PemKeys.parse(github.emulator().app(1001).privateKeyPem()); // stands in for a KMS
    AtomicInteger signatures = new AtomicInteger();
    JwtSigner kms =
        new JwtSigner() {
          @Override
          public byte[] sign(byte[] content) {
            signatures.incrementAndGet();
            return JwtSigner.of(key).sign(content);
          }

          @Override
          public String describe() {
            return "KMS key test/1";
          }
        };
    GitHubApp app =
        GitHubApp.builder()
            .clientId(github.emulator().app(1001).clientId())
            .signer(kms)
            .baseUrl(github.baseUrl())
            .clock(github.emulator().clock())
            .build();

    app.createToken(42);

    assertThat(signatures).hasValue(1);
    assertThat(app.toString()).contains("KMS key test/1");
  }

  @Test
  void tokenProvider_withAnotherTokenStore_storesWhatItMints() {
    Map<TokenKey, InstallationToken> stored = new ConcurrentHashMap<>();
    TokenStore store =
        new TokenStore() {
          @Override
          public InstallationToken get(TokenKey key) {
            return stored.get(key);
          }

          @Override
          public void put(TokenKey key, InstallationToken token) {
            stored.put(key, token);
          }

          @Override
          public void remove(TokenKey key) {
            stored.remove(key);
          }

          @Override
          public InstallationToken mintLocked(TokenKey key, Supplier<InstallationToken> mint) {
            synchronized (this) {
              return mint.get();
            }
          }
        };
    GitHubApp app = EmulatorApps.builder(github.emulator()).tokenStore(store).build();

    String token = app.tokenProvider(42).token();

    assertThat(stored.values()).extracting(InstallationToken::token).containsExactly(token);
    assertThat(stored.keySet())
        .singleElement()
        .satisfies(
            k -> {
              assertThat(k.installationId()).isEqualTo(42);
              assertThat(k.app()).isEqualTo(github.emulator().app(1001).clientId());
              assertThat(k.baseUrl()).isEqualTo(github.baseUrl().toString());
            });
  }
}
