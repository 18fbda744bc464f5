package io.github.ghapp.cli;

import io.github.ghapp.auth.EndpointPermissions;
import io.github.ghapp.auth.PermissionSet;
import io.github.ghapp.auth.TokenRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * What a token should be narrowed to: {@code --repository}, {@code --permission} and {@code --for}
 * (all repeatable), and {@code --ghes}, the table {@code --for} reads.
 */
final class ScopeOptions {
  // The options' descriptions, which token's model in code (TokenModel) shares.
  static final String REPOSITORY_HELP =
      "Narrow the token to this repository (name without owner); repeatable. Default: all the"
          + " installation's repositories.";

  static final String PERMISSION_HELP =
      "Narrow the token to this permission (read, write or admin), e.g. contents=read;"
          + " repeatable. Default: all the installation's permissions.";

  static final String FOR_HELP =
      "Narrow the token to exactly the permissions this REST endpoint needs, from GitHub's"
          + " table (see ghapp permissions), e.g. 'POST /repos/{owner}/{repo}/issues';"
          + " repeatable, and combined with --permission.";

  static final String GHES_HELP =
      "Read --for's endpoints in this GitHub Enterprise Server release's table, e.g. 3.19."
          + " Default: the newest ghapp has when --base-url is a GitHub Enterprise Server,"
          + " github.com's otherwise.";

  @Option(names = "--repository", paramLabel = "NAME", description = REPOSITORY_HELP)
  List<String> repositories = new ArrayList<>();

  @Option(
      names = "--permission",
      paramLabel = "NAME=LEVEL",
      mapFallbackValue = "",
      description = PERMISSION_HELP)
  Map<String, String> permissions = new LinkedHashMap<>();

  @Option(names = "--for", paramLabel = "ENDPOINT", description = FOR_HELP)
  List<String> endpoints = new ArrayList<>();

  @Option(names = "--ghes", paramLabel = "RELEASE", description = GHES_HELP)
  String ghes;

  /** No narrowing: every repository and permission of the installation. */
  static TokenRequest none() {
    return TokenRequest.builder().build();
  }

  /**
   * The request these options describe; a malformed name or level is a usage error. {@code --for}'s
   * endpoints are read in the table of the GitHub at {@code baseUrl} (null: github.com), which is
   * loaded only then.
   */
  TokenRequest request(String baseUrl) {
    if (ghes != null && endpoints.isEmpty()) {
      throw CliException.usage(
          "--ghes chooses the table --for reads; give --for ENDPOINT too, or leave out --ghes");
    }
    Map<String, String> wanted = new LinkedHashMap<>(permissions);
    if (!endpoints.isEmpty()) {
      EndpointPermissions catalog = PermissionTable.forBaseUrl(baseUrl, ghes);
      endpoints.forEach(endpoint -> PermissionsCommand.need(catalog, endpoint));
      PermissionSet needed;
      try {
        needed = catalog.leastCovering(endpoints);
      } catch (IllegalArgumentException e) {
        throw CliException.usage(ErrorReporter.lowerFirst(e.getMessage()), e);
      }
      if (needed.isEmpty()) {
        needed = PermissionSet.parse("metadata=read"); // none at all would be every permission
      }
      needed.levels().forEach((name, level) -> wanted.merge(name, level, ScopeOptions::explicit));
      checkNoneBelow(needed);
    }
    try {
      return TokenRequest.builder().repositories(repositories).permissions(wanted).build();
    } catch (IllegalArgumentException e) {
      throw CliException.usage(ErrorReporter.lowerFirst(e.getMessage()), e);
    }
  }

  /** An explicit --permission wins where it is at least what an endpoint needs. */
  private static String explicit(String given, String needed) {
    return given;
  }

  /** A --permission below what a --for endpoint needs would make the token useless for it. */
  private void checkNoneBelow(PermissionSet needed) {
    for (Map.Entry<String, String> given : permissions.entrySet()) {
      String level = needed.levels().get(given.getKey());
      if (level != null
          && !PermissionSet.parse(given.getKey() + "=" + level)
              .isCoveredBy(Map.of(given.getKey(), given.getValue()))) {
        throw CliException.usage(
            "--permission "
                + given.getKey()
                + "="
                + given.getValue()
                + " is less than the --for endpoints need ("
                + given.getKey()
                + "="
                + level
                + "): drop that --permission, or raise it to "
                + level);
      }
    }
  }
}
