package io.github.ghapp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ghapp.emulator.CredentialKind;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import io.github.ghapp.emulator.RecordedRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A program handed a bare installation token, with no app key: GitHubClient.withToken and
 * GitHubClient.revoke.
 */
class WithTokenTest {
  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();
  private static final TokenRequest HELLO_WORLD =
      TokenRequest.builder().repositories("hello-world").build();

  private GitHubEmulator emu;
  private GitHubApp app;

  @BeforeEach
  void mintWithTheAppElsewhere() {
    emu = github.emulator();
    emu.faults().clear();
    emu.clearRequests();
    app = EmulatorApps.app(emu);
  }

  @Test
  void withToken_mintedToken_callsRestAndGraphqlAsTheInstallation() {
    GitHubClient gh = GitHubClient.withToken(emu.baseUrl(), app.createToken(42).token());
    emu.clearRequests();

    JsonAssert.names(gh.paginate("GET /installation/repositories"))
        .containsExactlyInAnyOrder("hello-world", "docs");
    assertThat(gh.graphql("query { viewer { login } }").path("viewer").path("login").asText())
        .isEqualTo(github.app(1001).botLogin());

    assertThat(emu.requests())
        .hasSize(2)
        .extracting(RecordedRequest::credential)
        .containsOnly(CredentialKind.INSTALLATION_TOKEN);
  }

  @Test
  void withToken_narrowedToken_reachesOnlyItsRepositories() {
    GitHubClient gh =
        GitHubClient.withToken(emu.baseUrl(), app.createToken(42, HELLO_WORLD).token());

    assertThat(
            gh.request(
                    "GET /repos/{owner}/{repo}", Map.of("owner", "octo-org", "repo", "hello-world"))
                .path("name")
                .asText())
        .isEqualTo("hello-world");
    assertThatThrownBy(
            () ->
                gh.request(
                    "GET /repos/{owner}/{repo}", Map.of("owner", "octo-org", "repo", "docs")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void withToken_tokenWithATrailingNewlineAsReadFromAFile_works() {
    GitHubClient gh = GitHubClient.withToken(emu.baseUrl(), app.createToken(42).token() + "\n");

    assertThat(gh.request("GET /installation/repositories").path("total_count").asInt())
        .isEqualTo(2);
  }

  @Test
  void withToken_revokedToken_isBadCredentialsOnceWithoutMintingOrRetrying() {
    String token = app.createToken(42).token();
    GitHubClient.revoke(emu.baseUrl(), token);
    GitHubClient gh = GitHubClient.withToken(emu.baseUrl(), token);
    emu.clearRequests();

    assertThatThrownBy(() -> gh.request("GET /installation/repositories"))
        .isInstanceOf(BadCredentialsException.class)
        .satisfies(e -> assertThat(((GitHubException) e).status()).isEqualTo(401))
        .hasMessageNotContaining(token);
    assertThat(emu.requests()).extracting(RecordedRequest::status).containsExactly(401);
  }

  @Test
  void withToken_routeOnlyTheAppMayCall_saysSoRatherThanBlamingAKey() {
    GitHubClient gh = GitHubClient.withToken(emu.baseUrl(), app.createToken(42).token());

    assertThatThrownBy(() -> gh.request("GET /app/installations"))
        .isInstanceOf(BadJwtException.class)
        .hasMessageContaining("only the app itself may call this route");
  }

  @Test
  void withToken_badGateway_isRetriedLikeAnyClient() {
    GitHubClient gh = GitHubClient.withToken(emu.baseUrl(), app.createToken(42).token());
    emu.faults().failNext(1, 502);
    emu.clearRequests();

    assertThat(gh.request("GET /installation/repositories").path("total_count").asInt())
        .isEqualTo(2);

    assertThat(emu.requests()).extracting(RecordedRequest::status).containsExactly(502, 200);
  }

  @Test
  void withToken_onGhes_sendsToApiV3AndApiGraphql() {
    try (GitHubEmulator ghes = GitHubEmulator.builder().demoState().ghes(true).build().start()) {
      URI host = URI.create("http://127.0.0.1:" + ghes.port());
      GitHubClient gh =
          GitHubClient.withToken(ghes.baseUrl(), EmulatorApps.app(ghes).createToken(42).token());
      ghes.clearRequests();

      gh.request("GET /installation/repositories");
      gh.graphql("query { viewer { login } }");

      assertThat(gh.baseUrl()).isEqualTo(URI.create(host + "/api/v3"));
      assertThat(ghes.requests())
          .extracting(RecordedRequest::path)
          .containsExactly("/api/v3/installation/repositories", "/api/graphql");
    }
  }

  @Test
  void revoke_token_isRefusedAfterwardsAndRevokingAgainIsHarmless() {
    String token = app.createToken(42).token();
    assertThat(EmulatorApps.statusWithToken(emu, "/installation/repositories", token))
        .isEqualTo(200);

    GitHubClient.revoke(emu.baseUrl(), token);
    GitHubClient.revoke(emu.baseUrl(), token);

    assertThat(EmulatorApps.statusWithToken(emu, "/installation/repositories", token))
        .isEqualTo(401);
    assertThat(emu.requests())
        .filteredOn(r -> r.method().equals("DELETE"))
        .extracting(RecordedRequest::status)
        .containsExactly(204, 401);
  }

  @Test
  void withToken_somethingThatCannotBeAToken_isRefusedWithoutRepeatingIt() {
    String token = app.createToken(42).token();

    for (String wrong :
        List.of("Bearer " + token, "token " + token, "\"" + token + "\"", token + " " + token)) {
      assertThatThrownBy(() -> GitHubClient.withToken(emu.baseUrl(), wrong))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("pass the token alone")
          .hasMessageNotContaining(token.substring(4));
    }
    assertThatThrownBy(() -> GitHubClient.withToken(emu.baseUrl(), " "))
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> GitHubClient.revoke(emu.baseUrl(), null)).hasMessageContaining("null");
  }

  @Test
  void toString_namesTheGitHubButNeverTheToken() {
    String token = app.createToken(42).token();

    assertThat(GitHubClient.withToken(emu.baseUrl(), token).toString())
        .contains(emu.baseUrl().toString())
        .doesNotContain(token);
  }
}
