package io.github.ghapp.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.Installation;
import io.github.ghapp.auth.InstallationToken;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ghapp token} for several accounts ({@code --owner a --owner b}, {@code
 * --all-installations}): one token per installation, printed as a JSON object by account or as one
 * {@code GHAPP_TOKEN_<ACCOUNT>} variable each.
 */
final class OwnerTokens {
  static final String PREFIX = "GHAPP_TOKEN_";

  private OwnerTokens() {}

  /** {@code GHAPP_TOKEN_OCTO_ORG} for {@code octo-org}: upper case, anything else {@code _}. */
  static String variable(String account) {
    return PREFIX + account.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  /** Refuses, before any mint, accounts whose variables would have the same name. */
  static void checkVariables(List<String> accounts) {
    Map<String, String> seen = new HashMap<>();
    for (String account : accounts) {
      String previous = seen.putIfAbsent(variable(account), account);
      if (previous != null && !previous.equalsIgnoreCase(account)) {
        throw CliException.usage(
            "the accounts "
                + previous
                + " and "
                + account
                + " would both be "
                + variable(account)
                + " in --format env. Ask for them in two runs, or use --format json (keyed by"
                + " account)");
      }
    }
  }

  /** Each account once, in the order given (logins compare case-insensitively). */
  static List<String> distinct(List<String> accounts) {
    Map<String, String> byLower = new LinkedHashMap<>();
    accounts.forEach(a -> byLower.putIfAbsent(a.toLowerCase(Locale.ROOT), a));
    return new ArrayList<>(byLower.values());
  }

  /**
   * The installations to mint for with {@code --all-installations}, by account; suspended ones
   * cannot have tokens and are named on {@code err} instead.
   */
  static Map<String, Long> all(GitHubApp app, PrintWriter err) {
    Map<String, Long> ids = new LinkedHashMap<>();
    for (Installation installation : app.installations().list()) {
      if (installation.isSuspended()) {
        err.println(
            "ghapp: warning: installation "
                + installation.id()
                + " on "
                + installation.account()
                + " is suspended; no token for it.");
        err.flush();
      } else {
        ids.put(installation.account(), installation.id());
      }
    }
    if (ids.isEmpty()) {
      throw CliException.refused(
          "the app has no installation that can have a token. Install it on an account (the"
              + " app's page on GitHub > Install App), or unsuspend one",
          null);
    }
    return ids;
  }

  static void print(
      Map<String, InstallationToken> byAccount, TokenCommand.Format format, PrintWriter out) {
    switch (format) {
      case json:
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        byAccount.forEach((account, token) -> node.set(account, TokenCommand.jsonNode(token)));
        out.println(node.toPrettyString());
        break;
      case env:
        byAccount.forEach(
            (account, token) ->
                out.println(variable(account) + "=" + TokenCommand.shellValue(token.token())));
        break;
      default:
        throw new IllegalStateException("checked before minting: " + format);
    }
    out.flush();
  }
}
