package io.github.ghapp.auth;

import io.github.ghapp.auth.internal.http.Json;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the app's installations, authenticated as the app. Each look-up is one request.
 *
 * <pre>{@code
 * Installation inst = app.installations().forRepository("octo-org", "hello-world");
 * Installation org = app.installations().forOrganization("octo-org");
 * List<Installation> all = app.installations().list();   // every page
 * }</pre>
 *
 * <p>A look-up that finds nothing throws {@link NotFoundException} saying the app is not installed
 * there.
 */
public final class Installations {
  private final GitHubClient appClient;

  Installations(GitHubClient appClient) {
    this.appClient = appClient;
  }

  /** The installation that covers repository {@code owner/repo}. */
  public Installation forRepository(String owner, String repo) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(repo, "repo");
    return lookUp(
        "GET /repos/{owner}/{repo}/installation",
        Map.of("owner", owner, "repo", repo),
        "repository " + owner + "/" + repo);
  }

  /** The installation on organization {@code org}. */
  public Installation forOrganization(String org) {
    Objects.requireNonNull(org, "org");
    return lookUp("GET /orgs/{org}/installation", Map.of("org", org), "organization " + org);
  }

  /** The installation on the personal account {@code username}. */
  public Installation forUser(String username) {
    Objects.requireNonNull(username, "username");
    return lookUp(
        "GET /users/{username}/installation", Map.of("username", username), "user " + username);
  }

  /** The installation with this id. */
  public Installation byId(long installationId) {
    return lookUp(
        "GET /app/installations/{installation_id}",
        Map.of("installation_id", installationId),
        "installation id " + installationId);
  }

  /** Every installation of the app, all pages. */
  public List<Installation> list() {
    try {
      return appClient.paginate("GET /app/installations").stream().map(Json::installation).toList();
    } catch (IllegalArgumentException e) {
      // The route is a list route: an answer that is not a list of installations is the server's.
      throw Json.notGitHub(
          "GET /app/installations", 200, null, "what is not a list of installations");
    }
  }

  private Installation lookUp(String route, Map<String, ?> params, String target) {
    try {
      GitHubResponse response = appClient.send(route, params);
      try {
        return Json.installation(response.body());
      } catch (IllegalArgumentException e) {
        throw Json.notGitHub(route, response.status(), response.headers(), e.getMessage());
      }
    } catch (NotFoundException e) {
      throw new NotFoundException(
          "The app is not installed on "
              + target
              + ", or that does not exist ("
              + e.request()
              + " answered 404). Install the app there (its page on GitHub > Install), or see"
              + " where it is installed with GET /app/installations",
          e.details());
    }
  }
}
