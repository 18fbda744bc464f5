package io.github.ghapp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ghapp app}: who the app is, as GitHub sees it ({@code GET /app}). */
@Command(
    name = "app",
    sortOptions = false,
    addMethodSubcommands = false,
    description = {
      "Show the app as GitHub describes it (GET /app).",
      "Its id, client ID, owner, permissions, events and number of installations; also a quick check"
          + " that the app ID and key work.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ghapp app --client-id Iv23liABC --private-key app.pem",
      "  ghapp app --json | jq .permissions"
    })
final class AppCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(validate = false, exclusive = false, heading = "App:%n", order = 1)
  AppOptions app = new AppOptions();

  @Option(names = "--json", description = "Print GitHub's answer as JSON.")
  boolean json;

  private final Environment env;

  AppCommand(Environment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    JsonNode body;
    try (Session session = app.connect(env, null)) {
      body = session.app().appClient().request("GET /app");
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(body.toPrettyString());
    } else {
      Table table = new Table();
      table.row("id", body.path("id").asText());
      table.row("client_id", body.path("client_id").asText());
      table.row("slug", body.path("slug").asText());
      table.row("name", body.path("name").asText());
      table.row("owner", body.path("owner").path("login").asText());
      table.row("permissions", pairs(body.path("permissions")));
      table.row("events", String.join(", ", texts(body.path("events"))));
      table.row("installations", body.path("installations_count").asText("?"));
      table.row("html_url", body.path("html_url").asText());
      table.print(out);
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** {@code contents=read, issues=write}, sorted by name. */
  static String pairs(JsonNode object) {
    List<String> pairs = new ArrayList<>();
    object.fields().forEachRemaining(f -> pairs.add(f.getKey() + "=" + f.getValue().asText()));
    pairs.sort(null);
    return String.join(", ", pairs);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(e -> texts.add(e.asText()));
    return texts;
  }
}
