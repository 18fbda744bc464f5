package io.github.ghapp.auth.internal.http;

import io.github.ghapp.auth.ErrorDetails;
import io.github.ghapp.auth.PermissionSet;
import io.github.ghapp.auth.ResourceNotAccessibleException;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Words a {@code 403 Resource not accessible by integration}: which permissions GitHub would have
 * accepted ({@code X-Accepted-GitHub-Permissions}) beside those the token had, so that the fix is
 * in the message: "needs issues=write (this token has issues=read)".
 */
final class MissingPermissions {
  private static final String ADVICE =
      ": add it in the app's settings (Permissions & events), have the account owner accept it,"
          + " and include it in the token's permissions if the token is narrowed to some";

  private MissingPermissions() {}

  static ResourceNotAccessibleException refusal(
      String said, ErrorDetails details, HttpHeaders headers, Map<String, String> token) {
    List<PermissionSet> accepted =
        PermissionSet.parseAlternatives(
            headers.firstValue("x-accepted-github-permissions").orElse(null));
    Map<String, String> had = token == null ? Map.of() : token;
    if (accepted.isEmpty()) {
      return new ResourceNotAccessibleException(
          said
              + "The token lacks the permission this operation needs (its documentation_url names"
              + " the operation)"
              + ADVICE,
          details,
          accepted,
          had);
    }
    List<String> sets = new ArrayList<>();
    accepted.forEach(set -> sets.add(set.toString()));
    return new ResourceNotAccessibleException(
        said
            + "The operation needs "
            + String.join(" or ", sets)
            + (token == null ? "" : " (" + describe(accepted, token) + ")")
            + ADVICE,
        details,
        accepted,
        had);
  }

  /** "this token has issues=read", naming only the permissions the accepted sets name. */
  private static String describe(List<PermissionSet> accepted, Map<String, String> token) {
    TreeSet<String> named = new TreeSet<>();
    accepted.forEach(set -> named.addAll(set.levels().keySet()));
    List<String> has = new ArrayList<>();
    for (String name : named) {
      if (token.containsKey(name)) {
        has.add(name + "=" + token.get(name));
      }
    }
    return has.isEmpty()
        ? "this token has none of " + (named.size() == 1 ? "it" : "them")
        : "this token has " + String.join(",", has);
  }
}
