package io.github.ghapp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ghapp jwt}: the app's JWT, for calling the {@code /app} routes with curl or another tool.
 */
@Command(
    name = "jwt",
    sortOptions = false,
    addMethodSubcommands = false,
    description = {
      "Print a JWT signed with the app's private key, for the /app routes.",
      "RS256, valid for about 9 minutes.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  curl -H \"Authorization: Bearer $(ghapp jwt)\" https://api.github.com/app",
      "  ghapp jwt --claims               # iss, iat and exp, without the signature"
    })
final class JwtCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(validate = false, exclusive = false, heading = "App:%n", order = 1)
  AppOptions app = new AppOptions();

  @Option(names = "--claims", description = "Print the JWT's claims (JSON) instead of the JWT.")
  boolean claims;

  private final Environment env;

  JwtCommand(Environment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws IOException {
    String jwt;
    try (Session session = app.connect(env, null)) {
      jwt = session.app().jwt();
    }
    spec.commandLine().getOut().println(claims ? decode(jwt, 1).toPrettyString() : jwt);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  /**
   * Part {@code index} of a JWT as JSON: 0 the header, 1 the claims. Neither is secret; the
   * signature, the third part, is what must not be shown.
   */
  static JsonNode decode(String jwt, int index) throws IOException {
    byte[] json = Base64.getUrlDecoder().decode(jwt.split("\\.", -1)[index]);
    return new ObjectMapper().readTree(new String(json, StandardCharsets.UTF_8));
  }
}
