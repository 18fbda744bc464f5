package io.github.ghapp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartTest {
  @TempDir Path home;

  @Test
  void quickstart_everyStepDoesWhatGitHubWouldDo() {
    Cli.Result result = Cli.in(home).run("quickstart");

    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    assertThat(result.out()).contains("All 11 steps did what GitHub would do.");
    assertThat(result.out().lines().filter(l -> l.matches(" ?\\d+ .*")))
        .hasSize(11)
        .allMatch(l -> l.matches(" ?\\d+ \u2713 .*"));
    assertThat(result.out())
        .containsPattern(
            " 9 \u2713 +checks +pushed quickstart-checks \\([0-9a-f]{7}\\) and opened pull request"
                + " #2 as octo-checks; check_suite.requested reached its handler, which reported"
                + " check run 'quickstart' \\(success\\)")
        .contains("cloned with git version")
        .contains("ghs_****...****")
        .doesNotContainPattern("ghs_[A-Za-z0-9]{36}");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void quickstart_withJGitAndAscii_clonesWithJGitAndMarksStepsInAscii() {
    Cli.Result result = Cli.in(home).run("quickstart", "--jgit", "--ascii");

    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    assertThat(result.out())
        .contains(" 7 [ok]      git clone     octo-org/hello-world cloned with JGit: README.md")
        .doesNotContain("\u2713");
    assertThat(result.out())
        .containsPattern(
            " 8 \\[ok] +webhook +webhook URL set to"
                + " http://127\\.0\\.0\\.1:\\d+/webhooks \\(PATCH /app/hook/config\\); opened issue #1; issues.opened reached the handler, which commented"
                + " as octo-app\\[bot]");
  }

  @Test
  void quickstart_whenGitHubRefusesAStep_exits1NamingItAndSkipsTheStepsThatNeedIt() {
    Cli.Result result =
        Cli.in(home)
            .replacing("quickstart", new QuickstartCommand(emulator -> emulator.suspend(42)))
            .run("quickstart", "--ascii");

    assertThat(result.out())
        .contains(
            " 3 [ok]      installation  octo-org/hello-world -> installation 42",
            " 4 [FAILED]  token         failed: POST /app/installations/42/access_tokens answered 403 'This"
                + " installation has been suspended'",
            " 5 [skipped] REST          skipped: it needs the token step",
            "11 [skipped] revoke        skipped: it needs the token step")
        .doesNotContain("All 11 steps");
    UserMistakesTest.assertOneLineOnStderr(
        result, ExitCodes.REFUSED, "the quickstart failed at token");
  }
}
