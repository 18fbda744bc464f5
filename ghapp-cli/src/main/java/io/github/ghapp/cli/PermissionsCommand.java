package io.github.ghapp.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.auth.EndpointNeed;
import io.github.ghapp.auth.EndpointPermissions;
import io.github.ghapp.auth.PermissionSet;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ghapp permissions ENDPOINT...}: which permissions an installation token needs to call
 * these endpoints together, from GitHub's own table. Offline: nothing is sent to GitHub.
 */
@Command(
    name = "permissions",
    sortOptions = false,
    addMethodSubcommands = false,
    description = {
      "Print the permissions a token needs to call all these REST endpoints, from GitHub's table.",
      "One set per line, name=level joined by commas; a second line is an alternative set.",
      "Nothing is sent to GitHub.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ghapp permissions 'POST /repos/{owner}/{repo}/issues'    # issues=write",
      "  ghapp permissions 'GET /repos/o/r/contents/a.md' 'GET /repos/{owner}/{repo}'",
      "  ghapp token --owner octo-org --for 'POST /repos/{owner}/{repo}/issues'"
    })
final class PermissionsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "ENDPOINT",
      description = "METHOD /path: a template or a concrete path, e.g. 'GET /repos/o/r/issues/7'.")
  List<String> endpoints = new ArrayList<>();

  @Option(names = "--json", description = "Print JSON: the sets, and what each endpoint needs.")
  boolean json;

  @Option(
      names = "--api-version",
      paramLabel = "DATE",
      description = "github.com's REST API version whose table to read (default: 2022-11-28).")
  String apiVersion;

  @Option(
      names = "--ghes",
      paramLabel = "VERSION",
      description = "Read the table of this GitHub Enterprise Server release, e.g. 3.19.")
  String ghes;

  @Override
  public Integer call() {
    EndpointPermissions catalog = catalog(apiVersion, ghes);
    List<EndpointNeed> needs = new ArrayList<>();
    for (String endpoint : endpoints) {
      needs.add(need(catalog, endpoint));
    }
    List<PermissionSet> together = catalog.alternativesTogether(endpoints);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(asJson(catalog, needs, together).toPrettyString());
    } else {
      together.forEach(set -> out.println(set.isEmpty() ? "(no permission)" : set.toString()));
      PrintWriter err = spec.commandLine().getErr();
      for (EndpointNeed need : needs) {
        if (!need.exact()) {
          err.println(
              "ghapp: note: GitHub's table does not say whether "
                  + need.endpoint()
                  + " needs all of "
                  + need.alternatives().get(0)
                  + " or any one of them; the set printed covers both");
        }
      }
      err.flush();
    }
    out.flush();
    return ExitCodes.OK;
  }

  /**
   * The table for {@code --api-version} or {@code --ghes}; a version with none is a usage error.
   */
  static EndpointPermissions catalog(String apiVersion, String ghes) {
    if (apiVersion != null && ghes != null) {
      throw CliException.usage(
          "--api-version and --ghes choose different tables: give one (GHES has its own versions)");
    }
    if (ghes != null) {
      if (!EndpointPermissions.ghesReleases().contains(ghes)) {
        throw CliException.usage(
            "--ghes "
                + ghes
                + ": ghapp has no permission table of GHES "
                + ghes
                + "; the releases it has are "
                + String.join(", ", EndpointPermissions.ghesReleases()));
      }
      return EndpointPermissions.ghes(ghes);
    }
    try {
      return apiVersion != null
          ? EndpointPermissions.githubCom(apiVersion)
          : EndpointPermissions.githubCom();
    } catch (IllegalArgumentException e) {
      throw CliException.usage("--api-version " + apiVersion + ": " + e.getMessage(), e);
    }
  }

  /**
   * What one endpoint needs; malformed or unknown is a usage error naming the nearest templates.
   */
  static EndpointNeed need(EndpointPermissions catalog, String endpoint) {
    EndpointNeed need;
    try {
      need = catalog.need(endpoint);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(ErrorReporter.lowerFirst(e.getMessage()), e);
    }
    if (need.kind() == EndpointNeed.Kind.UNKNOWN) {
      throw CliException.usage(
          need.endpoint()
              + " is not in "
              + PermissionTable.title(catalog)
              + "'s table of endpoints for installation tokens ("
              + catalog.table()
              + "); the nearest are: "
              + String.join(", ", catalog.nearest(endpoint, 3)));
    }
    return need;
  }

  private static ObjectNode asJson(
      EndpointPermissions catalog, List<EndpointNeed> needs, List<PermissionSet> together) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("table", catalog.table());
    ArrayNode sets = root.putArray("sets");
    together.forEach(set -> sets.add(mapper.valueToTree(set.levels())));
    ArrayNode each = root.putArray("endpoints");
    for (EndpointNeed need : needs) {
      ObjectNode entry = each.addObject();
      entry.put("endpoint", need.endpoint());
      entry.put("kind", need.kind().name().toLowerCase(Locale.ROOT));
      entry.put("exact", need.exact());
      ArrayNode alternatives = entry.putArray("alternatives");
      need.alternatives().forEach(set -> alternatives.add(mapper.valueToTree(set.levels())));
    }
    return root;
  }
}
