package io.github.ghapp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.Installation;
import java.io.PrintWriter;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ghapp installations}: every installation of the app, all pages. */
@Command(
    name = "installations",
    sortOptions = false,
    addMethodSubcommands = false,
    description = {
      "List the app's installations (GET /app/installations, every page).",
      "Each one's id, account, repository selection, permissions, and whether it is suspended.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ghapp installations",
      "  ghapp installations --json \\",
      "      | jq '.[] | select(.account.login == \"octo-org\") | .id'"
    })
final class InstallationsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(validate = false, exclusive = false, heading = "App:%n", order = 1)
  AppOptions app = new AppOptions();

  @Option(names = "--json", description = "Print GitHub's installation objects as one JSON array.")
  boolean json;

  private final Environment env;

  InstallationsCommand(Environment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    try (Session session = app.connect(env, null)) {
      return list(session.app());
    }
  }

  private int list(GitHubApp github) {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      List<JsonNode> all = github.appClient().paginate("GET /app/installations");
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      all.forEach(array::add);
      out.println(array.toPrettyString());
    } else {
      List<Installation> all = github.installations().list();
      Table table =
          new Table()
              .row("ID", "ACCOUNT", "TYPE", "REPOSITORY_SELECTION", "SUSPENDED", "PERMISSIONS");
      for (Installation i : all) {
        table.row(
            Long.toString(i.id()),
            i.account(),
            i.accountType(),
            i.repositorySelection(),
            i.isSuspended() ? "since " + i.suspendedAt() : "no",
            new TreeMap<>(i.permissions())
                .entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(",")));
      }
      table.print(out);
      if (all.isEmpty()) {
        out.println("(none: install the app on an account from its page on GitHub)");
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
