package io.github.ghapp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * {@code ghapp token}'s model built in code ({@link TokenModel}) is the one picocli builds from the
 * annotations the command had before, which the other commands' shared groups ({@link AppOptions},
 * {@link InstallationSelector}, {@link ScopeOptions}) still carry: an option added to one of them
 * and not to the model (or the other way round) fails here.
 */
class TokenModelTest {
  /** {@code ghapp token} as it was annotated, over the same groups. */
  @Command(
      name = "token",
      sortOptions = false,
      addMethodSubcommands = false,
      description = {
        "Print an installation access token, minted or reused from the cache.",
        "A cached token is reused while it has enough validity left (--min-validity).",
        ""
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  export GHAPP_CLIENT_ID=Iv23liABC GHAPP_PRIVATE_KEY=~/keys/app.pem",
        "  ghapp token --repo octo-org/hello-world",
        "  ghapp token --owner octo-org --repository hello-world \\",
        "      --permission contents=read --permission metadata=read",
        "  ghapp token --installation-id 42 --format json --min-validity 45m",
        "  ghapp token --owner octo-org --format env >> \"$GITHUB_ENV\"",
        "  ghapp token --owner octo-org --owner octocat --format env",
        "  ghapp token --all-installations --format json",
        "  GH_TOKEN=$(ghapp token --owner octo-org) gh pr list -R octo-org/hello-world"
      })
  static final class Annotated {
    @ArgGroup(validate = false, exclusive = false, heading = "App:%n", order = 1)
    AppOptions app = new AppOptions();

    @ArgGroup(
        exclusive = true,
        multiplicity = "0..1",
        heading = "Installation (one of; default: the app's only one):%n",
        order = 2)
    InstallationSelector installation = InstallationSelector.only();

    @Option(
        names = "--all-installations",
        order = 2,
        description =
            "A token for every installation of the app (not suspended); with --format json or env.")
    boolean allInstallations;

    @ArgGroup(validate = false, exclusive = false, heading = "Scope:%n", order = 3)
    ScopeOptions scope = new ScopeOptions();

    @ArgGroup(validate = false, exclusive = false, heading = "Output:%n", order = 4)
    Output output = new Output();

    static final class Output {
      @Option(
          names = "--format",
          paramLabel = "FORMAT",
          defaultValue = "raw",
          description = TokenCommand.FORMAT_HELP)
      TokenCommand.Format format = TokenCommand.Format.raw;

      @Option(
          names = "--min-validity",
          paramLabel = "DURATION",
          converter = DurationConverter.class,
          description = TokenCommand.VALIDITY_HELP)
      Duration minValidity;

      @Option(names = "--no-cache", description = "Always mint a new token, and do not cache it.")
      boolean noCache;
    }
  }

  private final CommandLine built = TokenCommand.commandLine(null);
  private final CommandLine annotated = new CommandLine(new Annotated());

  @Test
  void usageHelp_isTheAnnotatedCommandsByteForByte() {
    assertThat(built.getUsageMessage(CommandLine.Help.Ansi.OFF))
        .isEqualTo(annotated.getUsageMessage(CommandLine.Help.Ansi.OFF))
        .contains("--ghes=RELEASE");
  }

  @Test
  void everyOption_hasTheAnnotatedOnesSettings() {
    assertThat(describe(built)).isEqualTo(describe(annotated));
  }

  @Test
  void parsing_setsTheSameFields() {
    String[] args = {
      "--client-id", "Iv23liABC", "--base-url", "https://ghe.example.com", "--repo", "o/r",
      "--repository", "r", "--permission", "issues=write", "--permission", "contents",
      "--for", "GET /repos/{owner}/{repo}", "--ghes", "3.19", "--format", "json",
      "--min-validity", "45m", "--no-cache"
    };
    TokenCommand token = (TokenCommand) built.getCommand();
    Annotated twin = (Annotated) annotated.getCommand();

    built.parseArgs(args);
    annotated.parseArgs(args);

    assertThat(List.of(token.app.clientId, token.app.baseUrl, token.installation.repo))
        .isEqualTo(List.of(twin.app.clientId, twin.app.baseUrl, twin.installation.repo));
    assertThat(
            List.of(
                token.scope.repositories,
                token.scope.permissions,
                token.scope.endpoints,
                token.scope.ghes))
        .isEqualTo(
            List.of(
                twin.scope.repositories,
                twin.scope.permissions,
                twin.scope.endpoints,
                twin.scope.ghes))
        .contains(Map.of("issues", "write", "contents", ""));
    assertThat(List.of(token.output.format, token.output.minValidity, token.output.noCache))
        .isEqualTo(List.of(twin.output.format, twin.output.minValidity, twin.output.noCache));
  }

  /**
   * Every option's settings that change parsing or help, group by group, in order (a flag's label
   * is shown nowhere, and picocli's default for one in code differs from an annotated field's).
   */
  static List<String> describe(CommandLine command) {
    return command.getCommandSpec().options().stream()
        .map(
            o ->
                String.join(
                    " | ",
                    List.of(
                        String.join(",", o.names()),
                        heading(o.group()),
                        o.arity().max() == 0 ? "(a flag)" : o.paramLabel(),
                        o.type().getName(),
                        List.of(o.auxiliaryTypes()).toString(),
                        String.valueOf(o.arity()),
                        String.valueOf(o.order()),
                        String.valueOf(o.defaultValue()),
                        String.valueOf(o.mapFallbackValue()),
                        String.valueOf(o.required()),
                        String.valueOf(o.hidden()),
                        String.valueOf(o.splitRegex()),
                        String.valueOf(converters(o)),
                        List.of(o.description()).toString())))
        .toList();
  }

  private static String heading(ArgGroupSpec group) {
    return group == null
        ? "(no group)"
        : group.heading() + " exclusive=" + group.exclusive() + " " + group.multiplicity();
  }

  private static List<String> converters(OptionSpec option) {
    return option.converters() == null
        ? List.of()
        : List.of(option.converters()).stream().map(c -> c.getClass().getName()).toList();
  }
}
