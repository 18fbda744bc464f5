package io.github.ghapp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ghapp permissions} answers from GitHub's table; {@code ghapp token --for} mints exactly
 * that.
 */
class PermissionsCommandTest {
  @RegisterExtension
  static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo().freshPerTest();

  @TempDir Path home;

  @Test
  void permissions_theIssuesExample_printsIssuesWrite() {
    Cli.Result result = Cli.in(home).run("permissions", "POST /repos/{owner}/{repo}/issues");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("issues=write\n");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void permissions_severalEndpoints_printOneSetCoveringThemAll() {
    Cli.Result result =
        Cli.in(home)
            .run(
                "permissions",
                "GET /repos/octo-org/hello-world/contents/src/App.java",
                "POST /repos/{owner}/{repo}/check-runs",
                "GET /repos/{owner}/{repo}");

    assertThat(result.out()).isEqualTo("checks=write,contents=read\n");
  }

  @Test
  void permissions_anEndpointWithAlternatives_printsEachSetOnItsOwnLine() {
    Cli.Result result = Cli.in(home).run("permissions", "PATCH /repos/o/r/issues/7");

    assertThat(result.out()).isEqualTo("issues=write\npull_requests=write\n");
  }

  @Test
  void permissions_whereTheTableIsAmbiguous_saysSoOnStandardError() {
    Cli.Result result =
        Cli.in(home).run("permissions", "PUT /repos/{owner}/{repo}/contents/{path}");

    assertThat(result.out()).isEqualTo("contents=write,workflows=write\n");
    assertThat(result.err())
        .isEqualTo(
            "ghapp: note: GitHub's table does not say whether PUT /repos/{owner}/{repo}/contents/{path}"
                + " needs all of contents=write,workflows=write or any one of them; the set printed covers"
                + " both\n");
  }

  @Test
  void permissions_json_namesTheTableTheSetsAndEachEndpoint() throws Exception {
    Cli.Result result =
        Cli.in(home)
            .run("permissions", "--json", "--ghes", "3.19", "GET /repos/{owner}/{repo}/issues");

    assertThat(new ObjectMapper().readTree(result.out()))
        .isEqualTo(
            new ObjectMapper()
                .readTree(
                    "{\"table\": \"ghes-3.19-2022-11-28\", \"sets\": [{\"issues\": \"read\"}], \"endpoints\":"
                        + " [{\"endpoint\": \"GET /repos/{owner}/{repo}/issues\", \"kind\": \"permissions\","
                        + " \"exact\": true, \"alternatives\": [{\"issues\": \"read\"}]}]}"));
  }

  @Test
  void permissions_anUnknownEndpoint_isExit2WithTheNearestTemplates() {
    Cli.Result result = Cli.in(home).run("permissions", "POST /repos/{owner}/{repo}/issue");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .startsWith(
            "ghapp: POST /repos/{owner}/{repo}/issue is not in GitHub.com's table of endpoints for"
                + " installation tokens (fpt-2022-11-28); the nearest are: POST /repos/{owner}/{repo}/issues")
        .doesNotContain("\tat ");
  }

  @Test
  void permissions_anApiVersionWithNoTable_isExit2NamingTheTables() {
    Cli.Result result = Cli.in(home).run("permissions", "--api-version", "2099-01-01", "GET /meta");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err())
        .isEqualTo(
            "ghapp: --api-version 2099-01-01: ghapp has no permission table 'fpt-2099-01-01'; it"
                + " has fpt-2022-11-28, fpt-2026-03-10, ghes-3.19-2022-11-28.\n");
  }

  @Test
  void permissions_aGhesReleaseWithNoTable_isExit2NamingTheReleases() {
    Cli.Result result = Cli.in(home).run("permissions", "--ghes", "3.99", "GET /meta");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err())
        .isEqualTo(
            "ghapp: --ghes 3.99: ghapp has no permission table of GHES 3.99; the releases it has"
                + " are 3.19.\n");
  }

  @Test
  void tokenFor_mintsExactlyWhatTheEndpointsNeed() throws Exception {
    GitHubEmulator emu = github.emulator();
    Cli.Result result =
        Cli.demoApp(emu, home)
            .run(
                "token",
                "--installation-id",
                "42",
                "--for",
                "POST /repos/{owner}/{repo}/issues",
                "--for",
                "GET /repos/{owner}/{repo}",
                "--repository",
                "hello-world",
                "--format",
                "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(new ObjectMapper().readTree(result.out()).get("permissions"))
        .isEqualTo(new ObjectMapper().readTree("{\"issues\": \"write\", \"metadata\": \"read\"}"));
  }

  @Test
  void tokenFor_withAPermissionBelowWhatTheEndpointNeeds_explainsTheConflict() {
    Cli.Result result =
        Cli.demoApp(github.emulator(), home)
            .run(
                "token",
                "--installation-id",
                "42",
                "--for",
                "POST /repos/{owner}/{repo}/issues",
                "--permission",
                "issues=read");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err())
        .isEqualTo(
            "ghapp: --permission issues=read is less than the --for endpoints need (issues=write):"
                + " drop that --permission, or raise it to write.\n");
  }
}
