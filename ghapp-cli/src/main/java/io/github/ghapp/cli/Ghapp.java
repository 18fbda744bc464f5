package io.github.ghapp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The {@code ghapp} command: installation tokens for scripts, CI and Git, the app's installations,
 * a local GitHub emulator and a quickstart that shows the whole flow working.
 *
 * <pre>
 * ghapp quickstart
 * ghapp token --client-id Iv23liABC --private-key app.pem --repo octo-org/hello-world
 * git config --global credential.helper '!ghapp git-credential --client-id Iv23liABC --private-key ~/app.pem'
 * </pre>
 *
 * <p>Programs embed it with {@link #commandLine()}, e.g. to run it with their own output writers.
 */
public final class Ghapp implements Runnable {
  private static final String[] DESCRIPTION = {
    "Act as a GitHub App installation from the shell: tokens for scripts, CI jobs and Git,"
        + " and a local GitHub to try it all.",
    ""
  };

  private static final String[] EXAMPLES = {
    "  ghapp quickstart              # the whole flow, against a local emulator",
    "  ghapp token --client-id Iv23liABC --private-key app.pem \\",
    "      --repo octo-org/hello-world",
    "  git config --global credential.helper \\",
    "      '!ghapp git-credential --client-id Iv23liABC --private-key ~/app.pem'",
    "  source <(ghapp completion)    # tab completion in bash and zsh"
  };

  private static final String[] EXIT_CODES = {
    "0:ok",
    "1:GitHub refused (credentials, not installed, not granted, not found, rate limited)",
    "2:usage error (options, key file, environment variables, a busy port)",
    "3:network or server failure (retrying later may help)",
    "70:internal error (a bug: run again with --verbose and report it)"
  };

  private CommandSpec spec;

  private Ghapp() {}

  /** Runs {@code ghapp} with {@code args} and exits with its exit code. */
  public static void main(String[] args) {
    Charset charset = Charset.defaultCharset();
    CommandLine ghapp = commandLine(Environment.system(), args);
    ghapp.setOut(new PrintWriter(new OutputStreamWriter(System.out, charset), true));
    ghapp.setErr(new PrintWriter(new OutputStreamWriter(System.err, charset), true));
    System.exit(ghapp.execute(args));
  }

  /** {@code ghapp} with its commands, reading the process's environment and standard input. */
  public static CommandLine commandLine() {
    return commandLine(Environment.system());
  }

  static CommandLine commandLine(Environment env) {
    return commandLine(env, new String[0]);
  }

  /**
   * {@code ghapp} ready to run {@code args}: with only the command they name, when they name one,
   * since picocli reads every registered command's annotations up front and that is most of a short
   * command's start-up time; with all of them for help, completion, and suggestions for a mistyped
   * name. Every command also says {@code addMethodSubcommands = false} (ghapp has none, and looking
   * for them reads every method's annotations) and its non-validating groups {@code exclusive =
   * false} (what picocli makes of them anyway, after rendering their synopsis to say so).
   */
  static CommandLine commandLine(Environment env, String[] args) {
    Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
    commands.put("quickstart", QuickstartCommand::new);
    commands.put("token", () -> TokenCommand.commandLine(env));
    commands.put("git-credential", () -> GitCredentialCommand.commandLine(env));
    commands.put("jwt", () -> new JwtCommand(env));
    commands.put("app", () -> new AppCommand(env));
    commands.put("installations", () -> new InstallationsCommand(env));
    commands.put("revoke", () -> new RevokeCommand(env));
    commands.put("permissions", PermissionsCommand::new);
    commands.put("bot", () -> new BotCommand(env));
    commands.put("exec", () -> new ExecCommand(env));
    commands.put(
        "setup",
        () -> new CommandLine(new SetupCommand()).addSubcommand("git", new SetupGitCommand(env)));
    commands.put("emulator", () -> new EmulatorCommand(env));
    commands.put("completion", AutoComplete.GenerateCompletion::new);
    String named = null;
    for (String arg : args) {
      if (arg.equals("-h") || arg.equals("--help")) {
        break; // ghapp's own help lists every command
      }
      if (!arg.startsWith("-")) {
        named =
            commands.containsKey(arg) && !arg.equals("completion")
                ? arg
                : null; // completion describes all
        break;
      }
    }
    CommandLine ghapp = root();
    for (Map.Entry<String, Supplier<Object>> command : commands.entrySet()) {
      if (named == null || command.getKey().equals(named)) {
        Object made = command.getValue().get();
        CommandLine sub = made instanceof CommandLine c ? c : new CommandLine(made);
        addHelpOptions(sub);
        ghapp.addSubcommand(command.getKey(), sub);
      }
    }
    if (ghapp.getSubcommands().containsKey("exec")) {
      // COMMAND's own options (git -c ..., sh -c ...) are not ghapp's, even without '--'.
      ghapp.getSubcommands().get("exec").setStopAtPositional(true);
    }
    ErrorReporter errors = new ErrorReporter();
    ghapp
        .setExecutionStrategy(new Verbosity())
        .setExecutionExceptionHandler(errors)
        .setParameterExceptionHandler(errors)
        .setExitCodeExceptionMapper(new ExitCodes())
        .setCaseInsensitiveEnumValuesAllowed(true);
    if (ghapp.getSubcommands().containsKey("completion")) {
      // picocli's command calls itself generate-completion; its usage line should name it as ghapp
      // does
      ghapp
          .getSubcommands()
          .get("completion")
          .getCommandSpec()
          .name("completion")
          .usageMessage()
          .hidden(false)
          .description("Print a bash/zsh completion script: source <(ghapp completion)")
          .footerHeading("%nExamples:%n")
          .footer(
              "  source <(ghapp completion)                     # this shell",
              "  ghapp completion > ~/.local/share/bash-completion/completions/ghapp");
    }
    return ghapp;
  }

  /**
   * {@code ghapp} itself, built in code rather than from annotations: every command line has it,
   * and reading its annotations (and its class's methods, for method subcommands) was a fifth of a
   * cached token's start. The order is the one picocli gives annotations: the command's attributes,
   * its option, the standard help options last.
   */
  private static CommandLine root() {
    Ghapp ghapp = new Ghapp();
    CommandSpec spec = CommandSpec.wrapWithoutInspection(ghapp);
    ghapp.spec = spec;
    spec.name("ghapp").versionProvider(new Version()).setAddMethodSubcommands(false);
    spec.usageMessage()
        .sortOptions(false)
        .description(DESCRIPTION)
        .commandListHeading("%nCommands:%n")
        .footerHeading("%nExamples:%n")
        .footer(EXAMPLES)
        .exitCodeListHeading("%nExit codes:%n")
        .exitCodeList(UsageMessageSpec.keyValuesMap(EXIT_CODES));
    spec.scopeType(CommandLine.ScopeType.INHERIT);
    spec.addOption(
        OptionSpec.builder(Verbosity.OPTION)
            .type(boolean.class)
            .scopeType(CommandLine.ScopeType.INHERIT)
            .description("Log what happens (to standard error) and show stack traces of failures.")
            .build());
    CommandLine root = new CommandLine(spec);
    addHelpOptions(root);
    return root;
  }

  /**
   * {@code -h} and {@code -V}, as picocli's standard help options mixin has them, where the mixin
   * would put them (after the command's own options, before the inherited {@code --verbose}), on
   * the command and its subcommands. picocli builds that mixin from its annotations for every
   * command, through annotation proxies the AOT cache does not keep: a tenth of a cached token's
   * start. A command whose annotations ask for the mixin (picocli's completion) keeps its own.
   */
  private static void addHelpOptions(CommandLine command) {
    CommandSpec spec = command.getCommandSpec();
    if (spec.optionsMap().containsKey("-h") || spec.optionsMap().containsKey("--help")) {
      return;
    }
    spec.addOption(
        OptionSpec.builder("-h", "--help")
            .usageHelp(true)
            .type(boolean.class)
            .descriptionKey("mixinStandardHelpOptions.help")
            .description("Show this help message and exit.")
            .build());
    spec.addOption(
        OptionSpec.builder("-V", "--version")
            .versionHelp(true)
            .type(boolean.class)
            .descriptionKey("mixinStandardHelpOptions.version")
            .description("Print version information and exit.")
            .build());
    for (CommandLine sub : command.getSubcommands().values()) {
      addHelpOptions(sub);
    }
  }

  /** {@code ghapp} alone: there is nothing to do, so say what there is (exit 2, a usage error). */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a command is required, e.g. 'ghapp quickstart'");
  }

  /** The version Maven wrote into {@code version.properties}, and the Java running it. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = Ghapp.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {
        "ghapp " + p.getProperty("version", "(unknown version)"),
        "Java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vm.name")
            + ")"
      };
    }
  }
}
