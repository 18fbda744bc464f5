package io.github.ghapp.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ghapp bot}: the name and e-mail address that make commits show as the app's bot on GitHub,
 * for {@code git config} or {@code GIT_AUTHOR_*} variables.
 */
@Command(
    name = "bot",
    sortOptions = false,
    addMethodSubcommands = false,
    description = {
      "Print the app's bot user as Git should name it in commits.",
      "Name SLUG[bot] and e-mail ID+SLUG[bot]@users.noreply.github.com, ID being the bot user's id"
          + " (GET /users/SLUG[bot]), not the app's; looked up once, then cached.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ghapp bot                      # octo-app[bot] <ID+octo-app[bot]@users...>",
      "  eval \"$(ghapp bot --format git)\"   # git config user.name, user.email",
      "  ghapp bot --format env >> \"$GITHUB_ENV\"     # GIT_AUTHOR_*, GIT_COMMITTER_*",
      "  git commit --author \"$(ghapp bot)\" -m 'Update'"
    })
final class BotCommand implements Callable<Integer> {
  /** Characters an env-file or shell-assignment value may hold unquoted; a bot's all are. */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.@+\\[\\]\\-]+");

  enum Format {
    text,
    git,
    env
  }

  @Spec CommandSpec spec;

  @ArgGroup(validate = false, exclusive = false, heading = "App:%n", order = 1)
  AppOptions app = new AppOptions();

  @ArgGroup(
      exclusive = true,
      multiplicity = "0..1",
      heading = "Installation to ask as (one of; default: none, an anonymous request):%n",
      order = 2)
  InstallationSelector installation = InstallationSelector.only();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      order = 3,
      description =
          "text (NAME <EMAIL>), git (git config lines) or env (GIT_AUTHOR_NAME, GIT_AUTHOR_EMAIL,"
              + " GIT_COMMITTER_NAME, GIT_COMMITTER_EMAIL). Default: ${DEFAULT-VALUE}.")
  Format format;

  @Option(
      names = "--no-cache",
      order = 4,
      description = "Look the bot user up again (after the app was renamed), and cache nothing.")
  boolean noCache;

  private final Environment env;

  BotCommand(Environment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    try (Session session =
        app.connect(env, noCache ? null : env.cacheDirectory(), spec.commandLine().getErr())) {
      return call(session);
    }
  }

  private Integer call(Session session) {
    String token =
        installation.isNone()
            ? null
            : session
                .withInstallation(
                    installation,
                    id -> Tokens.get(session.app(), id, ScopeOptions.none(), null, noCache))
                .token();
    BotIdentity bot =
        BotIdentity.of(session, token, BotIdentity.emailDomain(session.app().baseUrl()), false);
    PrintWriter out = spec.commandLine().getOut();
    print(bot, format, out);
    out.flush();
    return ExitCodes.OK;
  }

  static void print(BotIdentity bot, Format format, PrintWriter out) {
    switch (format) {
      case git:
        out.println("git config user.name " + shellQuoted(bot.login()));
        out.println("git config user.email " + shellQuoted(bot.email()));
        break;
      case env:
        for (String who : new String[] {"AUTHOR", "COMMITTER"}) {
          out.println("GIT_" + who + "_NAME=" + envValue(bot.login()));
          out.println("GIT_" + who + "_EMAIL=" + envValue(bot.email()));
        }
        break;
      default:
        out.println(bot.login() + " <" + bot.email() + ">");
    }
  }

  /** A word for {@code eval}: brackets would be a glob pattern unquoted. */
  static String shellQuoted(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }

  /**
   * Unquoted when it can be, since {@code $GITHUB_ENV} and {@code docker --env-file} keep quotes as
   * part of the value; a shell assignment does not glob its value either.
   */
  static String envValue(String value) {
    return PLAIN.matcher(value).matches() ? value : shellQuoted(value);
  }
}
