package io.github.ghapp.cli;

import io.github.ghapp.auth.InstallationToken;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ghapp revoke}: revokes a token at GitHub ({@code DELETE /installation/token}) and drops it
 * from ghapp's cache, so that nothing hands it out again.
 */
@Command(
    name = "revoke",
    sortOptions = false,
    description = {
      "Revoke an installation token at GitHub and drop it from ghapp's cache.",
      "Without TOKEN, revoke every token of this app that ghapp has cached.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  TOKEN=$(ghapp token --owner octo-org); ...; echo \"$TOKEN\" | ghapp revoke -",
      "  ghapp revoke                   # all of this app's cached tokens"
    })
final class RevokeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(validate = false, heading = "App:%n", order = 1)
  AppOptions app = new AppOptions();

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "TOKEN|-",
      description =
          "The token to revoke, or '-' to read it from standard input (safer: the command line"
              + " is visible to other users of the machine).")
  String token;

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
    String secret = "-".equals(token) ? env.readStdin("the token").strip() : token;
    if (secret != null && secret.isEmpty()) {
      throw CliException.usage(
          "no token on standard input. Pipe the token in: echo \"$TOKEN\" | ghapp revoke -");
    }
    Session session = app.connect(env, env.cacheDirectory());
    Map<String, InstallationToken> cached =
        session.tokens().readable(session.app().baseUrl().toString());
    PrintWriter out = spec.commandLine().getOut();
    if (secret == null) {
      for (Map.Entry<String, InstallationToken> entry : cached.entrySet()) {
        revoke(session, entry.getKey(), entry.getValue(), out);
      }
      if (cached.isEmpty()) {
        out.println("No cached tokens of this app to revoke.");
      }
    } else {
      String id =
          cached.entrySet().stream()
              .filter(e -> e.getValue().token().equals(secret))
              .map(Map.Entry::getKey)
              .findFirst()
              .orElse(null);
      // Not from the cache: its expiry is unknown, but no token lives longer than an hour.
      InstallationToken target =
          id != null
              ? cached.get(id)
              : new InstallationToken(
                  secret,
                  env.clock().instant().plus(Duration.ofHours(1)),
                  Map.of(),
                  null,
                  List.of());
      revoke(session, id, target, out);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static void revoke(
      Session session, String cacheId, InstallationToken token, PrintWriter out) {
    session.app().revoke(token); // a token GitHub no longer accepts counts as revoked
    if (cacheId != null) {
      session.tokens().remove(cacheId);
    }
    out.println("Revoked " + Secrets.mask(token.token()) + ".");
  }
}
