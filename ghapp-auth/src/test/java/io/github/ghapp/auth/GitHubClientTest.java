package io.github.ghapp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ghapp.emulator.CredentialKind;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import io.github.ghapp.emulator.RecordedRequest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GitHubClientTest {
  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  @BeforeEach
  void resetEmulator() {
    github.emulator().faults().clear();
    github.emulator().clearRequests();
  }

  @Test
  void request_meta_returnsGitHubsJson() {
    JsonNode meta = EmulatorApps.app(github.emulator()).installationClient(42).request("GET /meta");

    assertThat(meta.has("verifiable_password_authentication")).isTrue();
  }

  @Test
  void request_withPlaceholders_fillsThemIn() {
    GitHubClient gh = EmulatorApps.app(github.emulator()).installationClient(42);

    JsonNode repo =
        gh.request("GET /repos/{owner}/{repo}", Map.of("owner", "octo-org", "repo", "hello-world"));

    assertThat(repo.path("full_name").asText()).isEqualTo("octo-org/hello-world");
  }

  @Test
  void request_authenticatesWithTheInstallationsToken() {
    GitHubEmulator emu = github.emulator();
    GitHubClient gh = EmulatorApps.app(emu).installationClient(42);
    emu.clearRequests();

    gh.request("GET /installation/repositories");
    gh.request("GET /installation/repositories");

    assertThat(emu.requests())
        .filteredOn(r -> r.path().equals("/installation/repositories"))
        .extracting(RecordedRequest::credential)
        .containsExactly(CredentialKind.INSTALLATION_TOKEN, CredentialKind.INSTALLATION_TOKEN);
    assertThat(emu.requests().stream().filter(RecordedRequest::isMint).count()).isEqualTo(1);
  }

  @Test
  void request_repositoryOutsideTheNarrowedToken_isNotFound() {
    GitHubClient gh =
        EmulatorApps.app(github.emulator())
            .installationClient(42, TokenRequest.builder().repositories("hello-world").build());

    assertThatThrownBy(
            () ->
                gh.request(
                    "GET /repos/{owner}/{repo}", Map.of("owner", "octo-org", "repo", "docs")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("GET /repos/octo-org/docs");
  }

  @Test
  void request_jwtOnlyRouteWithAnInstallationToken_pointsToTheAppClient() {
    GitHubClient gh = EmulatorApps.app(github.emulator()).installationClient(42);

    assertThatThrownBy(() -> gh.request("GET /app/installations"))
        .isInstanceOf(BadJwtException.class)
        .hasMessageContaining("app.appClient()");
  }

  @Test
  void appClient_getApp_isAuthenticatedAsTheApp() {
    JsonNode app = EmulatorApps.app(github.emulator()).appClient().request("GET /app");

    assertThat(app.path("slug").asText()).isEqualTo("octo-app");
  }

  @Test
  void paginate_installationRepositories_unwrapsTheItems() {
    GitHubClient gh = EmulatorApps.app(github.emulator()).installationClient(42);

    JsonAssert.names(gh.paginate("GET /installation/repositories"))
        .containsExactlyInAnyOrder("hello-world", "docs");
  }

  @Test
  void paginate_notAListRoute_saysUseRequest() {
    GitHubClient gh = EmulatorApps.app(github.emulator()).installationClient(42);

    assertThatThrownBy(() -> gh.paginate("GET /meta"))
        .hasMessageContaining("use request() instead");
  }

  @Test
  void send_exposesStatusHeadersAndRequestId() {
    GitHubResponse r =
        EmulatorApps.app(github.emulator())
            .installationClient(42)
            .send("GET /rate_limit", Map.of());

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.requestId()).isNotBlank();
    assertThat(r.body().path("resources").path("core").has("limit")).isTrue();
  }

  @Test
  void request_unsupportedApiVersion_saysHowToSetOne() {
    GitHubApp app = EmulatorApps.builder(github.emulator()).apiVersion("2001-01-01").build();

    assertThatThrownBy(() -> app.installations().byId(42))
        .isInstanceOf(GitHubException.class)
        .hasMessageContaining("Send an X-GitHub-Api-Version this GitHub supports, e.g. 2022-11-28")
        .satisfies(e -> assertThat(((GitHubException) e).status()).isEqualTo(400));
  }

  @Test
  void tokenProvider_equalRequests_shareOneProvider() {
    GitHubApp app = EmulatorApps.app(github.emulator());

    TokenProvider a =
        app.tokenProvider(42, TokenRequest.builder().repositories("docs", "hello-world").build());
    TokenProvider b =
        app.tokenProvider(42, TokenRequest.builder().repositories("hello-world", "docs").build());

    assertThat(a).isSameAs(b);
  }

  @Test
  void tokenProvider_revoke_makesTheNextCallMintANewToken() {
    GitHubEmulator emu = github.emulator();
    TokenProvider tokens = EmulatorApps.app(emu).tokenProvider(42);
    String first = tokens.token();

    tokens.revoke();

    assertThat(EmulatorApps.statusWithToken(emu, "/installation/repositories", first))
        .isEqualTo(401);
    assertThat(tokens.token()).isNotEqualTo(first);
  }
}
