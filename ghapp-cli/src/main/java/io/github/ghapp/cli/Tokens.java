package io.github.ghapp.cli;

import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.GitHubException;
import io.github.ghapp.auth.InstallationToken;
import io.github.ghapp.auth.PermissionsNotGrantedException;
import io.github.ghapp.auth.RepositoryNotAccessibleException;
import io.github.ghapp.auth.TokenRequest;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What {@code token} and {@code git-credential} share about handing out a cached token. */
final class Tokens {
  /**
   * The most validity a caller can ask for: GitHub's tokens live 60 minutes and the library never
   * hands out one with less than its 5-minute margin left.
   */
  static final Duration MAX_MIN_VALIDITY = Duration.ofMinutes(55);

  private Tokens() {}

  /** {@code minValidity} when it can be met; null stays null (the library's margin). */
  static Duration checkMinValidity(Duration minValidity, String option) {
    if (minValidity != null
        && (minValidity.isNegative() || minValidity.compareTo(MAX_MIN_VALIDITY) > 0)) {
      throw CliException.usage(
          option
              + " "
              + format(minValidity)
              + " cannot be met: installation tokens"
              + " live 60 minutes and are never handed out with less than 5 left, so ask for 0 to 55m");
    }
    return minValidity;
  }

  /**
   * A token for installation {@code id} narrowed to {@code request}: from the app's token store
   * while it has at least {@code minValidity} (or the library's margin, when null) left, else newly
   * minted; always newly minted, and not stored, when {@code fresh}. GitHub's refusals of the scope
   * are explained in the command line's terms.
   */
  static InstallationToken get(
      GitHubApp app, long id, TokenRequest request, Duration minValidity, boolean fresh) {
    try {
      if (fresh) {
        return app.createToken(id, request);
      }
      var provider = app.tokenProvider(id, request);
      return minValidity == null
          ? provider.installationToken()
          : provider.installationToken(minValidity);
    } catch (PermissionsNotGrantedException e) {
      throw CliException.refused(
          "GitHub refused to mint a token with "
              + pairs(request.permissions())
              + ": installation "
              + id
              + " grants "
              + granted(app, id)
              + "."
              + unknownNames(request)
              + " Ask only for what it grants, at or below that level, or add the permission in the app's"
              + " settings and have the account accept it",
          e);
    } catch (RepositoryNotAccessibleException e) {
      throw CliException.refused(
          "GitHub refused to mint a token for "
              + String.join(", ", request.repositories())
              + ": installation "
              + id
              + " does not reach one of them, or it does not"
              + " exist. Name repositories without their owner (hello-world, not octo-org/hello-world)",
          e);
    }
  }

  private static String granted(GitHubApp app, long id) {
    try {
      return pairs(app.installations().byId(id).permissions());
    } catch (GitHubException e) {
      return "other permissions"; // the explanation is a courtesy; the refusal stands without it
    }
  }

  private static String unknownNames(TokenRequest request) {
    StringBuilder text = new StringBuilder();
    for (String name : request.permissions().keySet()) {
      if (!PermissionNames.isKnown(name)) {
        text.append(" '")
            .append(name)
            .append("' is not a GitHub App permission")
            .append(
                PermissionNames.suggestion(name)
                    .map(s -> "; did you mean '" + s + "'?")
                    .orElse("."));
      }
    }
    return text.toString();
  }

  /** {@code contents=read, issues=write}, sorted. */
  static String pairs(Map<String, String> permissions) {
    return permissions.isEmpty()
        ? "no permissions"
        : new TreeMap<>(permissions)
            .entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
  }

  /** {@code 45m}, {@code 1h30m}: as the user would write it. */
  static String format(Duration d) {
    long seconds = d.getSeconds();
    String sign = seconds < 0 ? "-" : "";
    seconds = Math.abs(seconds);
    StringBuilder text = new StringBuilder(sign);
    if (seconds >= 3600) {
      text.append(seconds / 3600).append('h');
    }
    if (seconds % 3600 >= 60) {
      text.append(seconds % 3600 / 60).append('m');
    }
    if (seconds % 60 != 0 || seconds == 0) {
      text.append(seconds % 60).append('s');
    }
    return text.toString();
  }
}
