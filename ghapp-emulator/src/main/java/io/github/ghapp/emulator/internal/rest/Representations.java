package io.github.ghapp.emulator.internal.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.emulator.internal.Urls;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.state.Account;
import io.github.ghapp.emulator.internal.state.AccountType;
import io.github.ghapp.emulator.internal.state.App;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import io.github.ghapp.emulator.internal.state.Installation;
import io.github.ghapp.emulator.internal.state.Permissions;
import io.github.ghapp.emulator.internal.state.Repository;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GitHub's JSON objects, shaped after its published schemas ({@code simple-user}, {@code
 * repository}, {@code integration}, {@code installation}) so that the OpenAPI validation tests pass
 * and clients parse what they will meet on github.com. URLs point at the emulator itself.
 */
public final class Representations {

  private final EmulatorState state;
  private final Urls urls;
  private final Map<Long, Built> repositoryJson = new ConcurrentHashMap<>();

  public Representations(EmulatorState state, Urls urls) {
    this.state = state;
    this.urls = urls;
  }

  /**
   * GitHub's legacy global node ids: base64 of {@code <len><Type><id>}, e.g. {@code MDQ6VXNlcjE=}.
   */
  public static String nodeId(String type, long id) {
    String raw = "0" + type.length() + ":" + type + id;
    return Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
  }

  /** {@code simple-user}, for users and organizations alike (GitHub's owner objects). */
  public ObjectNode account(Account account) {
    return user(account.login(), account.id(), account.type());
  }

  ObjectNode user(String login, long id, AccountType type) {
    String api = urls.api("/users/" + login);
    ObjectNode user = Json.object();
    user.put("login", login);
    user.put("id", id);
    user.put("node_id", nodeId(type == AccountType.ORGANIZATION ? "Organization" : "User", id));
    user.put("avatar_url", urls.web("/avatars/u/" + id + "?v=4"));
    user.put("gravatar_id", "");
    user.put("url", api);
    user.put("html_url", urls.web("/" + login));
    user.put("followers_url", api + "/followers");
    user.put("following_url", api + "/following{/other_user}");
    user.put("gists_url", api + "/gists{/gist_id}");
    user.put("starred_url", api + "/starred{/owner}{/repo}");
    user.put("subscriptions_url", api + "/subscriptions");
    user.put("organizations_url", api + "/orgs");
    user.put("repos_url", api + "/repos");
    user.put("events_url", api + "/events{/privacy}");
    user.put("received_events_url", api + "/received_events");
    user.put("type", type.gitHubName());
    user.put("user_view_type", "public");
    user.put("site_admin", false);
    return user;
  }

  /**
   * {@code repository}, as in installation tokens and {@code /installation/repositories}; the
   * caller's own copy.
   */
  public ObjectNode repository(Repository repository) {
    return shared(repository).deepCopy();
  }

  /**
   * The repository's JSON, built once: a repository object has some 80 fields, and token routes
   * list whole repositories on every request ({@code GET /installation/repositories}, minting).
   * Nothing in it changes after the repository is created, and the state never replaces a
   * repository record, so the node is shared by every answer that lists it and must never be
   * modified; {@link #repository} hands out copies for that.
   */
  private ObjectNode shared(Repository repository) {
    Built built = repositoryJson.get(repository.id());
    if (built == null || built.repository() != repository) {
      built = new Built(repository, build(repository));
      repositoryJson.put(repository.id(), built);
    }
    return built.json();
  }

  private record Built(Repository repository, ObjectNode json) {}

  private ObjectNode build(Repository repository) {
    String api = urls.api("/repos/" + repository.fullName());
    String html = urls.web("/" + repository.fullName());
    ObjectNode repo = Json.object();
    repo.put("id", repository.id());
    repo.put("node_id", nodeId("Repository", repository.id()));
    repo.put("name", repository.name());
    repo.put("full_name", repository.fullName());
    repo.put("private", repository.isPrivate());
    repo.set("owner", account(repository.owner()));
    repo.put("html_url", html);
    repo.putNull("description");
    repo.put("fork", false);
    repo.put("url", api);
    repo.put("archive_url", api + "/{archive_format}{/ref}");
    repo.put("assignees_url", api + "/assignees{/user}");
    repo.put("blobs_url", api + "/git/blobs{/sha}");
    repo.put("branches_url", api + "/branches{/branch}");
    repo.put("collaborators_url", api + "/collaborators{/collaborator}");
    repo.put("comments_url", api + "/comments{/number}");
    repo.put("commits_url", api + "/commits{/sha}");
    repo.put("compare_url", api + "/compare/{base}...{head}");
    repo.put("contents_url", api + "/contents/{+path}");
    repo.put("contributors_url", api + "/contributors");
    repo.put("deployments_url", api + "/deployments");
    repo.put("downloads_url", api + "/downloads");
    repo.put("events_url", api + "/events");
    repo.put("forks_url", api + "/forks");
    repo.put("git_commits_url", api + "/git/commits{/sha}");
    repo.put("git_refs_url", api + "/git/refs{/sha}");
    repo.put("git_tags_url", api + "/git/tags{/sha}");
    repo.put("git_url", html.replaceFirst("^http", "git") + ".git");
    repo.put("issue_comment_url", api + "/issues/comments{/number}");
    repo.put("issue_events_url", api + "/issues/events{/number}");
    repo.put("issues_url", api + "/issues{/number}");
    repo.put("keys_url", api + "/keys{/key_id}");
    repo.put("labels_url", api + "/labels{/name}");
    repo.put("languages_url", api + "/languages");
    repo.put("merges_url", api + "/merges");
    repo.put("milestones_url", api + "/milestones{/number}");
    repo.put("notifications_url", api + "/notifications{?since,all,participating}");
    repo.put("pulls_url", api + "/pulls{/number}");
    repo.put("releases_url", api + "/releases{/id}");
    repo.put("ssh_url", "git@127.0.0.1:" + repository.fullName() + ".git");
    repo.put("stargazers_url", api + "/stargazers");
    repo.put("statuses_url", api + "/statuses/{sha}");
    repo.put("subscribers_url", api + "/subscribers");
    repo.put("subscription_url", api + "/subscription");
    repo.put("tags_url", api + "/tags");
    repo.put("teams_url", api + "/teams");
    repo.put("trees_url", api + "/git/trees{/sha}");
    repo.put("clone_url", html + ".git");
    repo.putNull("mirror_url");
    repo.put("hooks_url", api + "/hooks");
    repo.put("svn_url", html);
    repo.putNull("homepage");
    repo.putNull("language");
    repo.put("forks_count", 0);
    repo.put("stargazers_count", 0);
    repo.put("watchers_count", 0);
    repo.put("size", 0);
    repo.put("default_branch", "main");
    repo.put("open_issues_count", 0);
    repo.put("is_template", false);
    repo.set("topics", Json.array());
    repo.put("has_issues", true);
    repo.put("has_projects", true);
    repo.put("has_wiki", true);
    repo.put("has_pages", false);
    repo.put("has_downloads", true);
    repo.put("has_discussions", false);
    repo.put("archived", false);
    repo.put("disabled", false);
    repo.put("visibility", repository.isPrivate() ? "private" : "public");
    repo.put("pushed_at", Json.time(repository.createdAt()));
    repo.put("created_at", Json.time(repository.createdAt()));
    repo.put("updated_at", Json.time(repository.createdAt()));
    repo.put("allow_forking", true);
    repo.put("web_commit_signoff_required", false);
    repo.putNull("license");
    repo.put("forks", 0);
    repo.put("open_issues", 0);
    repo.put("watchers", 0);
    return repo;
  }

  /** {@code full-repository}, as {@code GET /repos/{owner}/{repo}} answers. */
  ObjectNode fullRepository(Repository repository) {
    ObjectNode repo = repository(repository);
    repo.put("network_count", 0);
    repo.put("subscribers_count", 0);
    return repo;
  }

  /**
   * The repositories in id order, for an answer; the array is shared with other answers: never
   * modify it.
   */
  ArrayNode repositories(Collection<Repository> repositories) {
    ArrayNode array = Json.array();
    // The shared nodes, not copies: the array only goes into an answer, which is written and
    // dropped.
    repositories.stream()
        .sorted(Comparator.comparingLong(Repository::id))
        .map(this::shared)
        .forEach(array::add);
    return array;
  }

  /** {@code integration}: {@code GET /app}. */
  public ObjectNode app(App app) {
    ObjectNode json = Json.object();
    json.put("id", app.id());
    json.put("slug", app.slug());
    json.put("node_id", nodeId("App", app.id()));
    json.put("client_id", app.clientId());
    json.set("owner", appOwner(app));
    json.put("name", app.name());
    if (app.description() == null) {
      json.putNull("description");
    } else {
      json.put("description", app.description());
    }
    json.put("external_url", urls.web("/apps/" + app.slug()));
    json.put("html_url", urls.web("/apps/" + app.slug()));
    json.put("created_at", Json.time(app.createdAt()));
    json.put("updated_at", Json.time(app.createdAt()));
    json.set("permissions", permissions(app.permissions()));
    json.set("events", strings(app.events()));
    json.put("installations_count", state.installationsOf(app.id()).size());
    return json;
  }

  /** {@code installation}: the look-ups and {@code GET /app/installations}. */
  public ObjectNode installation(Installation installation) {
    App app = state.app(installation.appId()).orElseThrow();
    Account account = installation.account();
    ObjectNode json = Json.object();
    json.put("id", installation.id());
    json.put("client_id", app.clientId());
    json.set("account", account(account));
    json.put("repository_selection", installation.repositorySelection().jsonName());
    json.put(
        "access_tokens_url",
        urls.api("/app/installations/" + installation.id() + "/access_tokens"));
    json.put("repositories_url", urls.api("/installation/repositories"));
    json.put(
        "html_url",
        account.isOrganization()
            ? urls.web(
                "/organizations/"
                    + account.login()
                    + "/settings/installations/"
                    + installation.id())
            : urls.web("/settings/installations/" + installation.id()));
    json.put("app_id", app.id());
    json.put("app_slug", app.slug());
    json.put("target_id", account.id());
    json.put("target_type", account.type().gitHubName());
    json.set("permissions", permissions(installation.permissions()));
    json.set("events", strings(installation.events()));
    json.put("created_at", Json.time(installation.createdAt()));
    json.put("updated_at", Json.time(installation.updatedAt()));
    json.putNull("single_file_name");
    json.put("has_multiple_single_files", false);
    json.set("single_file_paths", Json.array());
    if (installation.isSuspended()) {
      json.set("suspended_by", appOwner(app));
      json.put("suspended_at", Json.time(installation.suspendedAt()));
    } else {
      json.putNull("suspended_by");
      json.putNull("suspended_at");
    }
    return json;
  }

  public static ObjectNode permissions(Permissions permissions) {
    ObjectNode json = Json.object();
    for (Map.Entry<String, String> grant : permissions.asJsonMap().entrySet()) {
      json.put(grant.getKey(), grant.getValue());
    }
    return json;
  }

  /**
   * The app's owner: the account named {@code owner} in the state, else the first account, else a
   * stand-in user, because GitHub's schema requires an owner object.
   */
  private ObjectNode appOwner(App app) {
    if (app.ownerLogin() != null) {
      return state
          .account(app.ownerLogin())
          .map(this::account)
          .orElseGet(() -> user(app.ownerLogin(), 1, AccountType.USER));
    }
    return state.accounts().stream()
        .findFirst()
        .map(this::account)
        .orElseGet(() -> user("ghapp-emulator", 1, AccountType.USER));
  }

  private static ArrayNode strings(Collection<String> values) {
    ArrayNode array = Json.array();
    values.forEach(array::add);
    return array;
  }
}
