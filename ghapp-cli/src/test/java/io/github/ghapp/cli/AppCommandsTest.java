package io.github.ghapp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** jwt, app, installations and revoke: what the app itself can ask GitHub. */
class AppCommandsTest {
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

  @Test
  void jwt_printsAJwtGitHubAcceptsForTheAppRoutes() throws Exception {
    String jwt = cli.run("jwt").out().strip();

    assertThat(jwt).matches("eyJ[\\w-]+\\.eyJ[\\w-]+\\.[\\w-]+");
    assertThat(get("/app", jwt).statusCode()).isEqualTo(200);
  }

  @Test
  void jwt_withClaims_printsIssuerAndTimesButNoSignature() throws Exception {
    Cli.Result result = cli.run("jwt", "--claims");

    JsonNode claims = new ObjectMapper().readTree(result.out());
    assertThat(claims.path("iss").asText()).isEqualTo("Iv23liDemo");
    assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isBetween(60L, 660L);
  }

  @Test
  void app_describesTheAppAsGitHubSeesIt() {
    Cli.Result result = cli.run("app");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .containsPattern("id +1001\\n")
        .containsPattern("client_id +Iv23liDemo\\n")
        .containsPattern("slug +octo-app\\n")
        .containsPattern("permissions +contents=write, issues=write," + " metadata=read\\n")
        .containsPattern("installations +2\\n");
  }

  @Test
  void app_asJson_isGitHubsAnswer() throws Exception {
    JsonNode app = new ObjectMapper().readTree(cli.run("app", "--json").out());

    assertThat(app.path("slug").asText()).isEqualTo("octo-app");
  }

  @Test
  void installations_listsEveryInstallationAsATable() {
    // Regression (security review, further bugs): "selected" stood under a REPOSITORIES heading.
    Cli.Result result = cli.run("installations");

    assertThat(result.out().lines())
        .containsExactly(
            "ID  ACCOUNT   TYPE          REPOSITORY_SELECTION  SUSPENDED  PERMISSIONS",
            "42  octo-org  Organization  selected              no         contents=read,issues=write,metadata=read",
            "43  octocat   User          all                   no         contents=write,issues=write,metadata=read");
  }

  @Test
  void installations_asJson_isGitHubsInstallationObjects() throws Exception {
    JsonNode all = new ObjectMapper().readTree(cli.run("installations", "--json").out());

    assertThat(all).hasSize(2);
    assertThat(all.get(0).path("account").path("login").asText()).isEqualTo("octo-org");
    assertThat(all.get(0).path("access_tokens_url").asText())
        .endsWith("/app/installations/42/access_tokens");
  }

  @Test
  void revoke_aTokenFromStdin_makesGitHubRefuseItAndDropsItFromTheCache() throws Exception {
    String token = cli.run("token", "--installation-id", "42").out().strip();

    Cli.Result result = cli.stdin(token + "\n").run("revoke", "-");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "Revoked ghs_****...**** (40 characters, sha256 "
                + RevokeInput.fingerprint(token)
                + ").\n");
    assertThat(get("/installation/repositories", token).statusCode()).isEqualTo(401);
    assertThat(cli.run("token", "--installation-id", "42").out().strip())
        .as("a new one")
        .isNotEqualTo(token);
  }

  @Test
  void revoke_aTokenAsArgument_revokesIt() throws Exception {
    String token = cli.run("token", "--installation-id", "43", "--no-cache").out().strip();

    assertThat(cli.run("revoke", token).exitCode()).isZero();
    assertThat(get("/installation/repositories", token).statusCode()).isEqualTo(401);
  }

  @Test
  void revoke_withoutAToken_revokesEveryCachedTokenOfTheApp() throws Exception {
    String first = cli.run("token", "--installation-id", "42").out().strip();
    String second = cli.run("token", "--installation-id", "43").out().strip();

    Cli.Result result = cli.run("revoke");

    assertThat(result.out().lines()).hasSize(2);
    assertThat(get("/installation/repositories", first).statusCode()).isEqualTo(401);
    assertThat(get("/installation/repositories", second).statusCode()).isEqualTo(401);
    assertThat(cli.run("revoke").out()).isEqualTo("No cached tokens of this app to revoke.\n");
  }

  @Test
  void revoke_withTokenAndKeyBothOnStdin_isAUsageError() {
    UserMistakesTest.assertOneLine(
        cli.run("revoke", "-", "--private-key", "-"),
        ExitCodes.USAGE,
        "cannot both come from standard input");
  }

  private HttpResponse<String> get(String path, String bearer) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                .header("Authorization", "Bearer " + bearer)
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
