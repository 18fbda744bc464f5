package io.github.ghapp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ghapp exec} run in this JVM (COMMAND is a real child process): the environment it gets,
 * exit codes, {@code --revoke}. {@link ExecProcessTest} runs ghapp itself as a process, with Git.
 */
class ExecCommandTest {
  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  @TempDir Path home;
  GitHubEmulator emulator;
  Cli cli;

  @BeforeEach
  void setUp() {
    emulator = github.emulator();
    cli = Cli.demoApp(emulator, home).env("PATH", System.getenv("PATH"));
  }

  @Test
  void exec_givesTheTokenToGhAndGitAHelperWithTheSameAppAndScope_afterSettingsAlreadyThere() {
    cli.env("GIT_CONFIG_COUNT", "1")
        .env("GIT_CONFIG_KEY_0", "core.autocrlf")
        .env("GIT_CONFIG_VALUE_0", "false");

    Cli.Result result =
        cli.run(
            "exec",
            "--owner",
            "octo-org",
            "--repository",
            "hello-world",
            "--permission",
            "issues=write",
            "--",
            "sh",
            "-c",
            "for v in GH_TOKEN GITHUB_TOKEN GH_HOST GIT_CONFIG_COUNT GIT_CONFIG_KEY_0"
                + " GIT_CONFIG_KEY_1 GIT_CONFIG_VALUE_1 GIT_CONFIG_KEY_2 GIT_CONFIG_VALUE_2"
                + " GIT_CONFIG_KEY_3 GIT_CONFIG_VALUE_3; do eval \"printf '%s\\n' \\\"\\$$v\\\"\"; done");

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<String> lines = result.out().lines().toList();
    String token = lines.get(0);
    String origin = "credential.http://127.0.0.1:" + emulator.port();
    assertThat(token).matches("ghs_\\w{36}");
    assertThat(lines.get(1)).isEqualTo(token);
    assertThat(lines.get(2)).isEqualTo("127.0.0.1:" + emulator.port());
    assertThat(lines.subList(3, 8))
        .containsExactly("4", "core.autocrlf", origin + ".helper", "", origin + ".helper");
    String helper = lines.get(8);
    assertThat(helper)
        .startsWith("!")
        .contains(
            " git-credential ",
            " --installation-id 42",
            " --repository hello-world",
            " --permission issues=write",
            " --private-key " + home.resolve("octo-app.pem"))
        .doesNotContain(token);
    assertThat(lines.subList(9, 11)).containsExactly(origin + ".useHttpPath", "false");
    assertThat(
            cli.run(
                    "token",
                    "--owner",
                    "octo-org",
                    "--repository",
                    "hello-world",
                    "--permission",
                    "issues=write")
                .out()
                .strip())
        .as("the helper's first token is COMMAND's, from the cache")
        .isEqualTo(token);
  }

  @Test
  void exec_exitsWithCommandsExitCode_and128PlusTheSignalThatEndedIt() {
    assertThat(cli.run("exec", "--owner", "octo-org", "--", "sh", "-c", "exit 7").exitCode())
        .isEqualTo(7);
    assertThat(cli.run("exec", "--owner", "octo-org", "sh", "-c", "kill -9 $$").exitCode())
        .isEqualTo(128 + 9);
  }

  @Test
  void exec_ofACommandThatDoesNotExist_exits127WithOneLine() {
    Cli.Result result = cli.run("exec", "--owner", "octo-org", "--", "no-such-command-here");

    assertThat(result.exitCode()).isEqualTo(127);
    assertThat(result.errLines())
        .singleElement()
        .asString()
        .startsWith("ghapp: cannot run 'no-such-command-here': no such command or file.");
  }

  @Test
  void exec_withRevoke_leavesTheTokenRefusedAndTheCacheWithoutIt() throws Exception {
    Path tokenFile = home.resolve("token");

    Cli.Result result =
        cli.run(
            "exec",
            "--owner",
            "octo-org",
            "--revoke",
            "--",
            "sh",
            "-c",
            "printf %s \"$GH_TOKEN\" > '" + tokenFile + "'");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).isEmpty();
    String token = Files.readString(tokenFile);
    assertThat(status(token)).isEqualTo(401);
    assertThat(cli.run("token", "--owner", "octo-org").out().strip()).isNotEqualTo(token);
  }

  @Test
  void exec_withRevoke_ofATokenCommandAlreadyRevoked_succeedsSilently() {
    Cli.Result result =
        cli.run(
            "exec",
            "--owner",
            "octo-org",
            "--revoke",
            "--",
            "sh",
            "-c",
            "curl -s -o /dev/null -X DELETE -H \"Authorization: Bearer $GH_TOKEN\" "
                + emulator.baseUrl()
                + "/installation/token");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).isEmpty();
  }

  @Test
  void exec_withTheKeyOnStandardInput_isRefusedBeforeAnythingRuns() {
    Cli.Result result = cli.run("exec", "--private-key", "-", "--", "sh", "-c", "echo ran");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.errLines()).singleElement().asString().contains("--private-key FILE");
  }

  private int status(String token) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/installation/repositories"))
            .header("Authorization", "Bearer " + token)
            .build();
    return HttpClient.newHttpClient()
        .send(request, HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
