package io.github.ghapp.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.auth.InstallationToken;
import io.github.ghapp.auth.Repository;
import io.github.ghapp.auth.TokenRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ghapp token}: prints an installation token for a shell script, a CI job or another
 * program, reusing one from the disk cache while it has enough validity left.
 */
final class TokenCommand implements Callable<Integer> {
  /** Characters a token may have to be written unquoted into an env file; GitHub's all are. */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.\\-]+");

  static final String[] DESCRIPTION = {
    "Print an installation access token, minted or reused from the cache.",
    "A cached token is reused while it has enough validity left (--min-validity).",
    ""
  };

  static final String[] EXAMPLES = {
    "  export GHAPP_CLIENT_ID=Iv23liABC GHAPP_PRIVATE_KEY=~/keys/app.pem",
    "  ghapp token --repo octo-org/hello-world",
    "  ghapp token --owner octo-org --repository hello-world \\",
    "      --permission contents=read --permission metadata=read",
    "  ghapp token --installation-id 42 --format json --min-validity 45m",
    "  ghapp token --owner octo-org --format env >> \"$GITHUB_ENV\"",
    "  ghapp token --owner octo-org --owner octocat --format env",
    "  ghapp token --all-installations --format json",
    "  GH_TOKEN=$(ghapp token --owner octo-org) gh pr list -R octo-org/hello-world"
  };

  static final String FORMAT_HELP =
      "raw (the token alone), json (token, expires_at, permissions, repository_selection,"
          + " repositories), env (GITHUB_TOKEN=... lines) or actions (::add-mask:: and the"
          + " step's outputs in $GITHUB_OUTPUT). Default: ${DEFAULT-VALUE}.";

  static final String VALIDITY_HELP =
      "The token must stay valid at least this long, e.g. 45m (at most 55m). Default: 5m.";

  enum Format {
    raw,
    json,
    env,
    actions
  }

  /** Set by {@link TokenModel}, which builds this command's model in code. */
  CommandSpec spec;

  AppOptions app = new AppOptions();

  InstallationSelector installation = InstallationSelector.only();

  boolean allInstallations;

  ScopeOptions scope = new ScopeOptions();

  Output output = new Output();

  /** {@code --format}, {@code --min-validity} and {@code --no-cache}. */
  static final class Output {
    // picocli applies --format's default only to a group it matched; the field has it otherwise.
    Format format = Format.raw;

    Duration minValidity;

    boolean noCache;
  }

  private final Environment env;

  TokenCommand(Environment env) {
    this.env = env;
  }

  /** The command with its model, built in code (no annotations read). */
  static picocli.CommandLine commandLine(Environment env) {
    return TokenModel.commandLine(new TokenCommand(env));
  }

  @Override
  public Integer call() {
    Duration minValidity = Tokens.checkMinValidity(output.minValidity, "--min-validity");
    TokenRequest request = scope.request(app.baseUrl(env));
    List<String> owners = OwnerTokens.distinct(installation.owners);
    if (allInstallations || owners.size() > 1) {
      return several(owners, request, minValidity);
    }
    try (Session session =
        app.connect(
            env, output.noCache ? null : env.cacheDirectory(), spec.commandLine().getErr())) {
      return one(session, request, minValidity);
    }
  }

  /** The token of the one installation the options name. */
  private int one(Session session, TokenRequest request, Duration minValidity) {
    long[] installationId = new long[1];
    InstallationToken token =
        session.withInstallation(
            installation,
            id -> {
              installationId[0] = id;
              return Tokens.get(session.app(), id, request, minValidity, output.noCache);
            });
    if (output.format == Format.actions) {
      actions(session, token, installationId[0], spec.commandLine().getOut());
    } else {
      print(token, spec.commandLine().getOut());
    }
    return ExitCodes.OK;
  }

  /** One token per account, for {@code --owner a --owner b} or {@code --all-installations}. */
  private int several(List<String> owners, TokenRequest request, Duration minValidity) {
    if (allInstallations && !installation.isNone()) {
      throw CliException.usage(
          "--all-installations is every installation; leave out --owner, --repo, --org, --user"
              + " and --installation-id, or leave out --all-installations");
    }
    if (output.format != Format.json && output.format != Format.env) {
      throw CliException.usage(
          "several tokens need --format json (an object by account) or --format env (one "
              + OwnerTokens.PREFIX
              + "<ACCOUNT> variable each)");
    }
    if (output.format == Format.env) {
      OwnerTokens.checkVariables(owners);
    }
    PrintWriter err = spec.commandLine().getErr();
    try (Session session = app.connect(env, output.noCache ? null : env.cacheDirectory(), err)) {
      print(several(session, owners, request, minValidity, err));
    }
    return ExitCodes.OK;
  }

  private Map<String, InstallationToken> several(
      Session session,
      List<String> owners,
      TokenRequest request,
      Duration minValidity,
      PrintWriter err) {
    Map<String, InstallationToken> byAccount = new LinkedHashMap<>();
    if (allInstallations) {
      Map<String, Long> ids = OwnerTokens.all(session.app(), err);
      if (output.format == Format.env) {
        OwnerTokens.checkVariables(new ArrayList<>(ids.keySet()));
      }
      ids.forEach(
          (account, id) ->
              byAccount.put(
                  account, Tokens.get(session.app(), id, request, minValidity, output.noCache)));
    } else {
      for (String owner : owners) {
        byAccount.put(
            owner,
            session.withInstallation(
                InstallationSelector.account(owner),
                id -> Tokens.get(session.app(), id, request, minValidity, output.noCache)));
      }
    }
    return byAccount;
  }

  private void print(Map<String, InstallationToken> byAccount) {
    OwnerTokens.print(byAccount, output.format, spec.commandLine().getOut());
  }

  /**
   * The mask first, before anything else could show the token; then the step's outputs, appended to
   * {@code $GITHUB_OUTPUT}, or printed when it is unset (outside Actions, to see them).
   */
  private void actions(Session session, InstallationToken token, long id, PrintWriter out) {
    ActionsOutput.mask(out, token.token());
    BotIdentity bot =
        BotIdentity.of(
            session, token.token(), BotIdentity.emailDomain(session.app().baseUrl()), false);
    Map<String, String> outputs = new LinkedHashMap<>();
    outputs.put("token", token.token());
    outputs.put("installation-id", Long.toString(id));
    outputs.put("app-slug", bot.login().replaceFirst("\\[bot]$", ""));
    outputs.put("expires-at", token.expiresAt().toString());
    outputs.put("bot-name", bot.login());
    outputs.put("bot-email", bot.email());
    outputs.put("bot-user-id", Long.toString(bot.id()));
    String file = env.variable(ActionsOutput.GITHUB_OUTPUT);
    if (file != null) {
      ActionsOutput.append(Path.of(file), outputs);
    } else {
      out.print(ActionsOutput.lines(outputs));
    }
    out.flush();
  }

  private void print(InstallationToken token, PrintWriter out) {
    switch (output.format) {
      case json:
        out.println(json(token));
        break;
      case env:
        out.println("GITHUB_TOKEN=" + shellValue(token.token()));
        out.println("GITHUB_TOKEN_EXPIRES_AT=" + token.expiresAt());
        break;
      default:
        out.println(token.token());
    }
    out.flush();
  }

  static String json(InstallationToken token) {
    return jsonNode(token).toPrettyString();
  }

  /** {@code {token, expires_at, permissions, repository_selection, repositories}}. */
  static ObjectNode jsonNode(InstallationToken token) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("token", token.token());
    node.put("expires_at", token.expiresAt().toString());
    ObjectNode permissions = node.putObject("permissions");
    token.permissions().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(p -> permissions.put(p.getKey(), p.getValue()));
    node.put("repository_selection", token.repositorySelection());
    ArrayNode repositories = node.putArray("repositories");
    token.repositories().stream().map(Repository::fullName).forEach(repositories::add);
    return node;
  }

  static String shellValue(String token) {
    return PLAIN.matcher(token).matches() ? token : "'" + token.replace("'", "'\\''") + "'";
  }
}
