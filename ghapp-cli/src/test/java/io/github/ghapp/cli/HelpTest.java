package io.github.ghapp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/** Every command explains itself: --help with examples and the exit codes, and --version. */
class HelpTest {
  @TempDir Path home;

  @Test
  void everyCommand_hasHelpWithExamplesAndTheExitCodes() {
    for (String command : commands()) {
      Cli.Result result = Cli.in(home).run(command, "--help");

      assertThat(result.exitCode()).as(command).isZero();
      assertThat(result.err()).as(command).isEmpty();
      assertThat(result.out())
          .as(command)
          .startsWith("Usage: ghapp " + command + " ")
          .containsPattern("(?m)^(Examples|Set up \\(once\\)):$")
          .containsPattern("(?m)^  .*ghapp " + command + "\\b")
          .contains(
              "Exit codes:",
              "\n  0    ok",
              "\n  1    GitHub refused",
              "\n  2    usage error",
              "\n  3    network or server failure",
              "\n  70   internal error");
    }
  }

  @Test
  void ghapp_help_listsEveryCommandWithExamples() {
    Cli.Result result = Cli.in(home).run("--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("Usage: ghapp ").contains("Examples:", "Exit codes:");
    for (String command : commands()) {
      assertThat(result.out()).containsPattern("(?m)^  " + command + " ");
    }
  }

  @Test
  void examples_fitAnEightyColumnTerminalSoThatNoneIsWrappedMidCommand() {
    CommandLine ghapp = Ghapp.commandLine(environment());
    List<CommandLine> all = new ArrayList<>(ghapp.getSubcommands().values());
    all.add(ghapp);
    for (CommandLine command : all) {
      for (String line : command.getCommandSpec().usageMessage().footer()) {
        assertThat(line.length())
            .as("%s: %s", command.getCommandName(), line)
            .isLessThanOrEqualTo(80);
      }
    }
  }

  /**
   * picocli passes every help text through {@code String.format}; one it cannot format (a bare
   * {@code %s}) is printed raw, '%n' unreplaced, after a "[picocli WARN] Could not format" line on
   * the JVM's standard error, which {@link Cli} does not capture.
   */
  @Test
  void helpTexts_everyCommand_formatWithoutPicocliWarning() {
    List<CommandLine> all = new ArrayList<>();
    collect(Ghapp.commandLine(environment()), all);
    for (CommandLine command : all) {
      CommandSpec spec = command.getCommandSpec();
      UsageMessageSpec usage = spec.usageMessage();
      List<String> texts = new ArrayList<>();
      texts.addAll(List.of(usage.header()));
      texts.addAll(List.of(usage.description()));
      texts.addAll(List.of(usage.footer()));
      texts.add(usage.footerHeading());
      texts.add(usage.exitCodeListHeading());
      texts.addAll(usage.exitCodeList().values());
      spec.options().forEach(option -> texts.addAll(List.of(option.description())));
      spec.positionalParameters().forEach(param -> texts.addAll(List.of(param.description())));
      for (ArgGroupSpec group : spec.argGroups()) {
        texts.add(group.heading());
      }
      for (String text : texts) {
        if (text != null) {
          assertThatCode(() -> String.format(text))
              .as("%s: %s", spec.qualifiedName(), text)
              .doesNotThrowAnyException();
        }
      }
    }
  }

  @Test
  void version_namesGhappAndJava_onEveryCommand() {
    Cli.Result ghapp = Cli.in(home).run("--version");
    Cli.Result token = Cli.in(home).run("token", "--version");

    assertThat(ghapp.exitCode()).isZero();
    assertThat(ghapp.out()).matches("ghapp \\d+\\.\\d+\\.\\d+\\S*\\nJava 1?\\d+\\S* \\(.+\\)\\n");
    assertThat(token.out()).isEqualTo(ghapp.out());
  }

  private static void collect(CommandLine command, List<CommandLine> all) {
    all.add(command);
    command.getSubcommands().values().forEach(sub -> collect(sub, all));
  }

  private static Set<String> commands() {
    return Ghapp.commandLine(environment()).getSubcommands().keySet();
  }

  private static Environment environment() {
    return new Environment(Map.of(), System.in, action -> {}, Clock.systemUTC());
  }
}
