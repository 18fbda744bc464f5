package io.github.ghapp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Parameters;

/**
 * {@code ghapp git-credential}'s model built in code ({@link GitCredentialModel}) is the one
 * picocli builds from the annotations the command had before, over the annotated groups {@link
 * AppOptions} and {@link GitCredentialCommand.HelperOptions} that {@code ghapp setup git} still
 * reads: an option added to one of them and not to the model fails here.
 */
class GitCredentialModelTest {
  /** {@code ghapp git-credential} as it was annotated, over the same groups. */
  @Command(
      name = "git-credential",
      sortOptions = false,
      addMethodSubcommands = false,
      description = {
        "A Git credential helper that answers as the app's installation.",
        "Answers Git with x-access-token and an installation token, for the app's GitHub (and, with"
            + " --owner, those accounts) only; for any other host, nothing.",
        ""
      },
      footerHeading = "%nSet up (once):%n",
      footer = {
        "  git config --global credential.helper \\",
        "      '!ghapp git-credential --client-id Iv23liABC --private-key ~/keys/app.pem'",
        "  git config --global credential.useHttpPath true   # a token per repository",
        "  git clone https://github.com/octo-org/hello-world.git",
        "For GitHub Enterprise Server add --base-url https://ghe.example.com; for another",
        "host Git gets no answer from ghapp."
      })
  static final class Annotated {
    @ArgGroup(validate = false, exclusive = false, heading = "App:%n", order = 1)
    AppOptions app = new AppOptions();

    @ArgGroup(validate = false, exclusive = false, heading = "Helper:%n", order = 2)
    GitCredentialCommand.HelperOptions helper = new GitCredentialCommand.HelperOptions();

    @Parameters(
        index = "0",
        paramLabel = "get|store|erase",
        description =
            "What Git asks: get a credential, store one (ignored: the token is ghapp's own), erase"
                + " one (drops the cached token Git says failed). Other operations are ignored.")
    String operation;
  }

  private final CommandLine built = GitCredentialCommand.commandLine(null);
  private final CommandLine annotated = new CommandLine(new Annotated());

  @Test
  void usageHelp_isTheAnnotatedCommandsByteForByte() {
    assertThat(built.getUsageMessage(CommandLine.Help.Ansi.OFF))
        .isEqualTo(annotated.getUsageMessage(CommandLine.Help.Ansi.OFF))
        .contains("--min-validity=DURATION", "get|store|erase", "credential.useHttpPath");
  }

  @Test
  void everyOptionAndTheOperation_haveTheAnnotatedOnesSettings() {
    assertThat(TokenModelTest.describe(built)).isEqualTo(TokenModelTest.describe(annotated));
    assertThat(positionals(built)).isEqualTo(positionals(annotated)).hasSize(1);
  }

  @Test
  void parsing_setsTheSameFields() {
    String[] args = {
      "--client-id",
      "Iv23liABC",
      "--base-url",
      "https://ghe.example.com",
      "--host",
      "ghe.example.com",
      "--owner",
      "a",
      "--owner",
      "b",
      "--installation-id",
      "42",
      "--repository",
      "r",
      "--permission",
      "contents=read",
      "--permission",
      "issues",
      "--min-validity",
      "45m",
      "--no-cache",
      "get"
    };
    GitCredentialCommand command = (GitCredentialCommand) built.getCommand();
    Annotated twin = (Annotated) annotated.getCommand();

    built.parseArgs(args);
    annotated.parseArgs(args);

    assertThat(List.of(command.app.clientId, command.app.baseUrl, command.operation))
        .isEqualTo(List.of(twin.app.clientId, twin.app.baseUrl, twin.operation));
    GitCredentialCommand.HelperOptions h = command.helper;
    GitCredentialCommand.HelperOptions t = twin.helper;
    assertThat(List.of(h.host, h.owners, h.installationId, h.repositories, h.permissions))
        .isEqualTo(List.of(t.host, t.owners, t.installationId, t.repositories, t.permissions))
        .contains(Map.of("contents", "read", "issues", ""));
    assertThat(List.of(h.minValidity, h.noCache))
        .isEqualTo(List.of(t.minValidity, t.noCache))
        .containsExactly(Duration.ofMinutes(45), true);
  }

  private static List<String> positionals(CommandLine command) {
    return command.getCommandSpec().positionalParameters().stream()
        .map(GitCredentialModelTest::describe)
        .toList();
  }

  private static String describe(PositionalParamSpec p) {
    return String.join(
        " | ",
        p.paramLabel(),
        String.valueOf(p.index()),
        p.type().getName(),
        String.valueOf(p.arity()),
        String.valueOf(p.required()),
        List.of(p.description()).toString());
  }
}
