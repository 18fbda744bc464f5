package io.github.ghapp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --for} reads the permission table of the GitHub the app talks to: github.com's for
 * github.com, GHE.com and the emulator, a GHES release's for a GitHub Enterprise Server (a bug: it
 * read github.com's for every base URL). The two endpoints are in one table each: sub-issues only
 * in github.com's, push-rule bypass requests only in GHES 3.19's.
 */
class ScopeTablesTest {
  static final String ONLY_GITHUB_COM =
      "GET /repos/{owner}/{repo}/issues/{issue_number}/sub_issues";
  static final String ONLY_GHES = "GET /repos/{owner}/{repo}/bypass-requests/push-rules";

  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  @RegisterExtension
  static final GitHubEmulatorExtension ghes =
      GitHubEmulatorExtension.demo().configure(b -> b.ghes(true));

  @TempDir Path home;

  @Test
  void tokenFor_aGhesBaseUrl_mintsWhatTheGhesTableSays() throws Exception {
    Cli.Result result =
        Cli.demoApp(ghes.emulator(), home)
            .run("token", "--installation-id", "43", "--for", ONLY_GHES, "--format", "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(new ObjectMapper().readTree(result.out()).get("permissions"))
        .isEqualTo(
            new ObjectMapper().readTree("{\"contents\": \"write\", \"metadata\": \"read\"}"));
  }

  @Test
  void tokenFor_aGhesBaseUrl_anEndpointOnlyGitHubComHas_namesTheGhesTable() {
    Cli.Result result =
        Cli.in(home)
            .run("token", "--base-url", "https://ghe.example.com", "--for", ONLY_GITHUB_COM);

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines())
        .singleElement()
        .asString()
        .startsWith(
            "ghapp: "
                + ONLY_GITHUB_COM
                + " is not in GHES 3.19's table of endpoints for installation tokens"
                + " (ghes-3.19-2022-11-28); the nearest are: ");
  }

  @Test
  void execFor_aGhesBaseUrl_readsTheGhesTableToo() {
    Cli.Result result =
        Cli.in(home)
            .run(
                "exec",
                "--base-url",
                "https://ghe.example.com/api/v3",
                "--for",
                ONLY_GITHUB_COM,
                "--",
                "true");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("is not in GHES 3.19's table");
  }

  @Test
  void tokenFor_theLoopbackEmulator_keepsGitHubComsTable() throws Exception {
    Cli.Result result =
        Cli.demoApp(github.emulator(), home)
            .run(
                "token",
                "--installation-id",
                "42",
                "--repository",
                "hello-world",
                "--for",
                ONLY_GITHUB_COM,
                "--format",
                "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(new ObjectMapper().readTree(result.out()).get("permissions"))
        .isEqualTo(new ObjectMapper().readTree("{\"issues\": \"read\", \"metadata\": \"read\"}"));
  }

  @Test
  void tokenFor_dataResidency_readsGitHubComsTable() {
    Cli.Result result =
        Cli.in(home).run("token", "--base-url", "https://api.octo.ghe.com", "--for", ONLY_GHES);

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err())
        .startsWith("ghapp: " + ONLY_GHES + " is not in GitHub.com's table of endpoints");
  }

  @Test
  void tokenFor_ghesRelease_readsThatReleasesTableWhateverTheBaseUrl() {
    Cli.Result result =
        Cli.demoApp(github.emulator(), home)
            .run("token", "--installation-id", "42", "--ghes", "3.19", "--for", ONLY_GITHUB_COM);

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains(" is not in GHES 3.19's table");
  }

  @Test
  void tokenFor_anUnknownGhesRelease_isOnePlainUsageErrorNamingTheReleases() {
    Cli.Result result =
        Cli.in(home)
            .run(
                "token",
                "--base-url",
                "https://ghe.example.com",
                "--ghes",
                "3.99",
                "--for",
                "GET /repos/{owner}/{repo}");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "ghapp: --ghes 3.99: ghapp has no permission table of GHES 3.99; the releases it has"
                + " are 3.19.\n");
  }

  @Test
  void token_ghesWithoutFor_isAUsageError() {
    Cli.Result result = Cli.in(home).run("token", "--ghes", "3.19");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err())
        .isEqualTo(
            "ghapp: --ghes chooses the table --for reads; give --for ENDPOINT too, or leave out"
                + " --ghes.\n");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://api.github.com",
        "https://API.GitHub.com/",
        "https://api.octo.ghe.com",
        "http://127.0.0.1:8080",
        "http://localhost:8080/",
        "https://127.0.0.1:8443",
        "http://[::1]:8080"
      })
  void isGitHubCom_githubComGheComAndTheEmulator_areGitHubCom(String baseUrl) {
    assertThat(PermissionTable.isGitHubCom(baseUrl)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://ghe.example.com",
        "https://ghe.example.com/api/v3",
        "https://api.ghe.example.com",
        "https://api.github.com.example.com",
        "https://ghe.com.example.com",
        "http://127.0.0.1:8080/api/v3",
        "http://127.0.0.1.example.com:8080",
        "not a url"
      })
  void isGitHubCom_anyOtherBaseUrl_isAGitHubEnterpriseServer(String baseUrl) {
    assertThat(PermissionTable.isGitHubCom(baseUrl)).isFalse();
  }

  @Test
  void isGitHubCom_noBaseUrl_isGitHubCom() {
    assertThat(PermissionTable.isGitHubCom(null)).isTrue();
  }
}
