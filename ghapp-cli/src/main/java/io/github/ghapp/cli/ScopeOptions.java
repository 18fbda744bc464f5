package io.github.ghapp.cli;

import io.github.ghapp.auth.TokenRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * What a token should be narrowed to: {@code --repository} and {@code --permission}, both
 * repeatable.
 */
final class ScopeOptions {
  @Option(
      names = "--repository",
      paramLabel = "NAME",
      description =
          "Narrow the token to this repository (name without owner); repeatable. Default: all the"
              + " installation's repositories.")
  List<String> repositories = new ArrayList<>();

  @Option(
      names = "--permission",
      paramLabel = "NAME=LEVEL",
      mapFallbackValue = "",
      description =
          "Narrow the token to this permission (read, write or admin), e.g. contents=read;"
              + " repeatable. Default: all the installation's permissions.")
  Map<String, String> permissions = new LinkedHashMap<>();

  /** No narrowing: every repository and permission of the installation. */
  static TokenRequest none() {
    return TokenRequest.builder().build();
  }

  /** The request these options describe; a malformed name or level is a usage error. */
  TokenRequest request() {
    try {
      return TokenRequest.builder().repositories(repositories).permissions(permissions).build();
    } catch (IllegalArgumentException e) {
      throw CliException.usage(ErrorReporter.lowerFirst(e.getMessage()), e);
    }
  }
}
