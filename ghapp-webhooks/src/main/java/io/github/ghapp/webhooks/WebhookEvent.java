package io.github.ghapp.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.GitHubClient;
import io.github.ghapp.auth.Repository;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One verified delivery from GitHub: the event's name and action, who sent it, where it happened,
 * and the raw JSON for everything else.
 *
 * <p>The typed accessors cover what nearly every event shares; anything specific to one event is
 * read from {@link #payload()}, which is the JSON exactly as GitHub sent it. Accessors for parts an
 * event may lack (a {@code ping} has no action, a {@code security_advisory} no repository) return
 * an empty {@code Optional}.
 *
 * <p>With a {@link GitHubApp} behind the receiver, {@link #client()} calls GitHub back as the
 * event's installation.
 *
 * <pre>{@code
 * hooks.on("issues.opened", event -> {
 *   Repository repo = event.repository().orElseThrow();
 *   int number = event.payload().path("issue").path("number").asInt();
 *   event.client().request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
 *       Map.of("owner", repo.owner(), "repo", repo.name(), "issue_number", number, "body", "Thanks!"));
 * });
 * }</pre>
 */
public final class WebhookEvent {
  private final String name;
  private final String deliveryId;
  private final ObjectNode payload;
  private final GitHubApp app;
  private volatile GitHubClient client;

  /**
   * @param app the app to call back as, or null for a receiver built without one
   */
  WebhookEvent(String name, String deliveryId, ObjectNode payload, GitHubApp app) {
    this.name = Objects.requireNonNull(name, "name");
    this.deliveryId = Objects.requireNonNull(deliveryId, "deliveryId");
    this.payload = Objects.requireNonNull(payload, "payload");
    this.app = app;
  }

  /** The event's name from {@code X-GitHub-Event}, e.g. {@code issues}. */
  public String name() {
    return name;
  }

  /**
   * The payload's {@code action}, e.g. {@code opened}; empty for events without one ({@code push},
   * {@code ping}).
   */
  public Optional<String> action() {
    JsonNode action = payload.get("action");
    return action != null && action.isTextual() ? Optional.of(action.asText()) : Optional.empty();
  }

  /** {@code name.action} when there is an action, else {@code name}: the most specific route. */
  public String qualifiedName() {
    return action().map(a -> name + "." + a).orElse(name);
  }

  /**
   * The {@code X-GitHub-Delivery} GUID; GitHub sends the same one again when a delivery is
   * redelivered.
   */
  public String deliveryId() {
    return deliveryId;
  }

  /**
   * The installation the event is about or was sent for; empty for deliveries to a repository's own
   * webhook, and when the id is not a positive number.
   */
  public OptionalLong installationId() {
    JsonNode id = payload.path("installation").get("id");
    // GitHub's ids are positive: 0 or less names no installation that client() could act as.
    return id != null && id.canConvertToLong() && id.asLong() > 0
        ? OptionalLong.of(id.asLong())
        : OptionalLong.empty();
  }

  /** The repository the event happened in; empty for organisation- or app-level events. */
  public Optional<Repository> repository() {
    return repositoryOf(payload.get("repository"));
  }

  /** The login of the user or bot whose action caused the event. */
  public Optional<String> senderLogin() {
    JsonNode login = payload.path("sender").get("login");
    return login != null && login.isTextual() ? Optional.of(login.asText()) : Optional.empty();
  }

  /**
   * A client authenticated as the event's installation, with everything the installation may do.
   * Made on first use; its token comes from the app's cache, which every event of the installation
   * shares, so a burst of events mints one token, not one each.
   *
   * @throws IllegalStateException when the receiver was built without a {@link GitHubApp}, or the
   *     event names no installation (a repository's or organisation's own webhook, not the App's)
   */
  public GitHubClient client() {
    GitHubClient c = client;
    if (c == null) {
      if (app == null) {
        throw new IllegalStateException(
            "this receiver has no GitHubApp to call back with: build it with"
                + " Webhooks.builder(app)");
      }
      long installation =
          installationId()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "event "
                              + qualifiedName()
                              + " (delivery "
                              + deliveryId
                              + ") names no installation, so there is no"
                              + " installation to act as; it came from a repository or organisation webhook, not the App's"));
      // Two handlers racing here make two clients over the same cached token provider: harmless.
      c = app.installationClient(installation);
      client = c;
    }
    return c;
  }

  /**
   * The whole payload as GitHub sent it. It is shared by every handler of this delivery: read it,
   * do not change it.
   */
  public JsonNode payload() {
    return payload;
  }

  /** Names the event and delivery; the payload is left out, it can be megabytes. */
  @Override
  public String toString() {
    return "WebhookEvent{" + qualifiedName() + ", delivery=" + deliveryId + "}";
  }

  /**
   * A repository object of a payload ({@code id}, {@code name}, {@code owner.login}, {@code
   * private}).
   */
  static Optional<Repository> repositoryOf(JsonNode repo) {
    if (repo == null || !repo.isObject()) {
      return Optional.empty();
    }
    String name = repo.path("name").asText(null);
    String owner = repo.path("owner").path("login").asText(null);
    if (owner == null) {
      // Repository lists in installation payloads carry only full_name, not the owner object.
      String fullName = repo.path("full_name").asText("");
      int slash = fullName.indexOf('/');
      owner = slash > 0 ? fullName.substring(0, slash) : null;
    }
    if (name == null || owner == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Repository(repo.path("id").asLong(), owner, name, repo.path("private").asBoolean()));
  }
}
