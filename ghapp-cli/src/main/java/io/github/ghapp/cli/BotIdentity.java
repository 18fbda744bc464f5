package io.github.ghapp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;

/**
 * The app's bot user, as commits should name it: {@code octo-app[bot]} and {@code
 * 41898282+octo-app[bot]@users.noreply.github.com}, where the number is the bot user's id ({@code
 * GET /users/octo-app[bot]}), not the app's: only that id links the commits to the bot on GitHub.
 *
 * @param login the bot user's login, {@code <slug>[bot]}
 * @param id the bot user's id
 * @param emailDomain {@code users.noreply.github.com}, or that of a GitHub Enterprise Server
 */
record BotIdentity(String login, long id, String emailDomain) {

  /** The GitHub-provided no-reply address that attributes commits to the bot. */
  String email() {
    return id + "+" + login + "@" + emailDomain;
  }

  /**
   * The app's bot user, from the installation cache when it was looked up before, else from GitHub:
   * {@code GET /app} for the slug, then {@code GET /users/<slug>[bot]} with {@code token} (null:
   * anonymously, as for any public profile).
   */
  static BotIdentity of(Session session, String token, String emailDomain, boolean lookUp) {
    String key = session.app().baseUrl() + "\n" + session.appKey() + "\nbot";
    InstallationCache cache = session.installations();
    if (cache != null && !lookUp) {
      String login = cache.account(key);
      if (login != null) {
        return new BotIdentity(login, cache.get(key, login).getAsLong(), emailDomain);
      }
    }
    String slug = session.app().appClient().request("GET /app").path("slug").asText("");
    if (slug.isEmpty()) {
      throw CliException.unavailable(
          "GitHub's answer to GET /app names no slug, so the bot user is unknown. Check --base-url",
          null);
    }
    String login = slug + "[bot]";
    JsonNode user = fetchUser(session, token, login);
    long id = user.path("id").asLong(0);
    if (id <= 0 || !"Bot".equals(user.path("type").asText())) {
      throw CliException.unavailable(
          "GitHub's answer for user " + login + " is not a bot user with an id. Check --base-url",
          null);
    }
    if (cache != null) {
      cache.put(key, id, user.path("login").asText(login));
    }
    return new BotIdentity(user.path("login").asText(login), id, emailDomain);
  }

  private static JsonNode fetchUser(Session session, String token, String login) {
    String base = session.app().baseUrl().toString().replaceAll("/+$", "");
    URI uri = URI.create(base + "/users/" + login.replace("[", "%5B").replace("]", "%5D"));
    TokenHttp.Answer answer;
    try (TokenHttp http = new TokenHttp(token, session.timeout())) {
      answer = http.send("GET", uri, null);
    } catch (IOException e) {
      throw CliException.unavailable(
          "could not reach " + uri + " (" + e.getClass().getSimpleName() + "). Retry later", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.unavailable("interrupted while looking up " + login, e);
    }
    if (answer.status() == 200) {
      return answer.body();
    }
    if (answer.status() >= 500) {
      throw CliException.unavailable(
          "GitHub answered " + answer.describe() + " for user " + login + ". Retry later", null);
    }
    if (answer.status() == 404) {
      throw CliException.refused(
          "GitHub has no user " + login + " (404). Check --base-url is the app's GitHub", null);
    }
    throw CliException.refused(
        "GitHub answered "
            + answer.describe()
            + " for user "
            + login
            + (token == null
                ? ". Pass --owner or --installation-id so that ghapp asks with an installation"
                    + " token (anonymous requests are limited, and some servers refuse them)"
                : ""),
        null);
  }

  /**
   * Where GitHub's no-reply addresses live for {@code baseUrl}: github.com's for github.com (and
   * for a local emulator, which stands in for it), else {@code users.noreply.<host>} of a GitHub
   * Enterprise Server.
   */
  static String emailDomain(URI baseUrl) {
    String host = baseUrl.getHost() == null ? "" : baseUrl.getHost().toLowerCase(Locale.ROOT);
    if (host.equals("api.github.com")
        || host.equals("github.com")
        || LoopbackHosts.isLoopback(host)) {
      return "users.noreply.github.com";
    }
    return "users.noreply." + (host.startsWith("api.") ? host.substring(4) : host);
  }
}
