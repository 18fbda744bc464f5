package io.github.ghapp.cli;

import io.github.ghapp.auth.InstallationToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ghapp revoke}: revokes a token at GitHub ({@code DELETE /installation/token}) and drops it
 * from ghapp's cache, so that nothing hands it out again.
 */
@Command(
    name = "revoke",
    sortOptions = false,
    addMethodSubcommands = false,
    description = {
      "Revoke an installation token at GitHub and drop it from ghapp's cache.",
      "Without TOKEN, revoke every token of this app that ghapp has cached.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  TOKEN=$(ghapp token --owner octo-org); ...; echo \"$TOKEN\" | ghapp revoke -",
      "  ghapp revoke                   # all of this app's cached tokens",
      "  printf %%s \"$TOKEN\" | ghapp revoke --if-valid -   # a job's clean-up step"
    })
final class RevokeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(validate = false, exclusive = false, heading = "App:%n", order = 1)
  AppOptions app = new AppOptions();

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "TOKEN|-",
      description =
          "The token to revoke, or '-' to read it from standard input (safer: the command line"
              + " is visible to other users of the machine).")
  String token;

  @Option(
      names = "--if-valid",
      description =
          "A token GitHub already refuses (expired or revoked) is no failure: say so and exit 0,"
              + " as a job's clean-up step needs.")
  boolean ifValid;

  private final Environment env;

  RevokeCommand(Environment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    if ("-".equals(token) && "-".equals(app.privateKey)) {
      throw CliException.usage(
          "the token and the private key cannot both come from standard input. Pass the"
              + " key with --private-key FILE or "
              + AppOptions.PRIVATE_KEY);
    }
    List<String> given = null;
    if ("-".equals(token)) {
      given = RevokeInput.tokens(env.readStdin("the token"), "standard input");
      if (given.isEmpty()) {
        throw CliException.usage(
            "no token on standard input. Pipe the token in: echo \"$TOKEN\" | ghapp revoke -");
      }
    } else if (token != null) {
      given = RevokeInput.tokens(token, "TOKEN");
      if (given.size() != 1) {
        throw CliException.usage(
            "TOKEN holds "
                + given.size()
                + " lines; pass one token, or pipe several to 'ghapp revoke -'");
      }
    }
    try (Session session = app.connect(env, env.cacheDirectory(), spec.commandLine().getErr())) {
      return revoke(session, given);
    }
  }

  private int revoke(Session session, List<String> given) {
    Map<String, InstallationToken> cached =
        session.tokens() == null
            ? Map.of()
            : session.tokens().readable(session.app().baseUrl().toString());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int exit = ExitCodes.OK;
    if (given == null) {
      if (cached.isEmpty()) {
        out.println("No cached tokens of this app to revoke.");
      }
      int n = 0;
      for (Map.Entry<String, InstallationToken> entry : cached.entrySet()) {
        String which =
            cached.size() == 1 ? "" : "cached token " + ++n + " of " + cached.size() + ", ";
        exit =
            Math.max(
                exit, revoke(session, entry.getKey(), entry.getValue().token(), which, out, err));
      }
    } else {
      for (int i = 0; i < given.size(); i++) {
        String secret = given.get(i);
        String id =
            cached.entrySet().stream()
                .filter(e -> e.getValue().token().equals(secret))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
        String which = given.size() == 1 ? "" : "token " + (i + 1) + " of " + given.size() + ", ";
        exit = Math.max(exit, revoke(session, id, secret, which, out, err));
      }
    }
    out.flush();
    err.flush();
    return exit;
  }

  /**
   * Sends the revocation with the token itself and says what GitHub answered. Only a 204, or a 401
   * for a token ghapp cached (so a real token, now dead), counts as revoked: a 401 for anything
   * else may be a typo while the leaked token lives on.
   */
  private int revoke(
      Session session,
      String cacheId,
      String secret,
      String which,
      PrintWriter out,
      PrintWriter err) {
    String name = which + RevokeInput.describe(secret);
    String base = session.app().baseUrl().toString().replaceAll("/+$", "");
    URI uri = URI.create(base + "/installation/token");
    TokenHttp.Answer answer;
    try (TokenHttp http = new TokenHttp(secret, session.timeout())) {
      answer = http.send("DELETE", uri, null);
    } catch (IOException e) {
      err.println(
          Secrets.redact(
              "ghapp: could not reach "
                  + uri
                  + " to revoke "
                  + name
                  + " ("
                  + e.getClass().getSimpleName()
                  + "); it was not revoked. Retry when GitHub can be reached."));
      return ExitCodes.UNAVAILABLE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.unavailable("interrupted while revoking " + name, e);
    }
    if (answer.status() == 204 || answer.status() == 401 && cacheId != null) {
      if (cacheId != null) {
        session.tokens().remove(cacheId);
      }
      out.println(
          "Revoked "
              + name
              + (answer.status() == 204
                  ? "."
                  : ": GitHub no longer accepted it (it had expired or was revoked before)."));
      return ExitCodes.OK;
    }
    if (answer.status() == 401 && ifValid) {
      out.println("Nothing to revoke: GitHub no longer accepts " + name + " (expired or revoked).");
      return ExitCodes.OK;
    }
    String why =
        answer.status() == 401
            ? ": it was already revoked or expired, or it was never a valid token. Nothing was"
                + " revoked; if this is a leaked token, check that it was copied whole"
            : answer.status() >= 500
                ? "; it was not revoked. Retry later"
                : "; it was not revoked. Check --base-url is the GitHub that minted it";
    err.println(
        Secrets.redact("ghapp: GitHub answered " + answer.describe() + " for " + name + why + "."));
    return answer.status() >= 500 ? ExitCodes.UNAVAILABLE : ExitCodes.REFUSED;
  }
}
