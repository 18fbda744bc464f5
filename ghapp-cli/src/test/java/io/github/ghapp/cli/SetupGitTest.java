package io.github.ghapp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code ghapp setup git}, written by the real git into a temporary home and repository. */
class SetupGitTest {
  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  @TempDir Path home;
  GitHubEmulator emulator;
  Cli cli;
  Path globalConfig;
  String key;

  @BeforeEach
  void setUp() {
    emulator = github.emulator();
    globalConfig = home.resolve("gitconfig");
    cli =
        Cli.demoApp(emulator, home)
            .env("PATH", System.getenv("PATH"))
            .env("GIT_CONFIG_GLOBAL", globalConfig.toString())
            .env("GIT_CONFIG_NOSYSTEM", "1");
    key = "credential.http://127.0.0.1:" + emulator.port();
  }

  @Test
  void setupGitGlobal_runTwice_leavesOneHelperThatGitUsesAndUseHttpPath() throws Exception {
    Cli.Result first = cli.run("setup", "git", "--global", "--permission", "contents=read");
    Cli.Result second = cli.run("setup", "git", "--global", "--permission", "contents=read");

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).startsWith("Git now asks ghapp for http://127.0.0.1:");
    List<String> helpers = git("config", "--global", "--get-all", key + ".helper").lines().toList();
    assertThat(helpers).hasSize(2);
    assertThat(helpers.get(0)).isEmpty();
    assertThat(helpers.get(1))
        .startsWith("!")
        .contains(
            " git-credential --client-id Iv23liDemo --private-key "
                + home.resolve("octo-app.pem")
                + " --base-url "
                + emulator.baseUrl()
                + " --permission contents=read");
    assertThat(git("config", "--global", "--get-all", key + ".useHttpPath")).isEqualTo("true\n");

    String filled =
        gitWithInput(
            "protocol=http\nhost=127.0.0.1:" + emulator.port() + "\npath=octocat/spoon-knife\n\n",
            "credential",
            "fill");
    assertThat(filled).contains("username=x-access-token", "password=ghs_");
  }

  @Test
  void setupGitPrint_showsTheCommandsAndWritesNothing() {
    Cli.Result result = cli.run("setup", "git", "--global", "--print");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out().lines().toList())
        .hasSize(3)
        .allMatch(line -> line.startsWith("git config --global "))
        .anyMatch(line -> line.contains(key + ".useHttpPath true"));
    assertThat(globalConfig).doesNotExist();
  }

  @Test
  void setupGit_inARepository_writesItsConfigOnly() throws Exception {
    Path repository = home.resolve("repository");
    git("init", "-q", repository.toString());

    Cli.Result result = cli.run("setup", "git", "-C", repository.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(Files.readString(repository.resolve(".git/config")))
        .contains("[credential \"http://127.0.0.1:" + emulator.port() + "\"]", "git-credential");
    assertThat(globalConfig).doesNotExist();
  }

  @Test
  void setupGit_withTheKeyItselfInTheEnvironment_isRefused() {
    Cli.Result result =
        cli.env("GHAPP_PRIVATE_KEY", emulator.app(1001).privateKeyPem())
            .run("setup", "git", "--global");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.errLines()).singleElement().asString().contains("--private-key FILE");
    assertThat(globalConfig).doesNotExist();
  }

  private String git(String... args) throws Exception {
    return gitWithInput("", args);
  }

  private String gitWithInput(String stdin, String... args) throws Exception {
    ProcessBuilder process = new ProcessBuilder(Processes.concat(List.of("git"), args));
    Processes.isolated(process, home).put("GIT_CONFIG_GLOBAL", globalConfig.toString());
    Processes.Outcome outcome = Processes.run(process, stdin);
    assertThat(outcome.exitCode()).as(outcome.output()).isZero();
    return outcome.output();
  }
}
