package io.github.ghapp.webhooks;

import static io.github.ghapp.webhooks.Deliveries.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.Installation;
import io.github.ghapp.auth.Repository;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The installation directory behind eachInstallation/eachRepository: listed from the emulator once
 * (demo state: installation 42 on octo-org with hello-world and docs, 43 on octocat with all of its
 * repositories), then kept current by installation events alone.
 */
class InstallationDirectoryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  private final Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
  private Webhooks hooks;

  @BeforeEach
  void newReceiver() {
    GitHubApp app =
        GitHubApp.builder()
            .appId(1001)
            .privateKey(github.app(1001).privateKeyPem())
            .baseUrl(github.baseUrl())
            .build();
    hooks = Webhooks.builder(app).secret(SECRET).executor(Runnable::run).build();
    hooks.onError((event, error) -> errors.add(error));
    github.emulator().clearRequests();
  }

  @AfterEach
  void close() {
    hooks.close();
    assertThat(errors).isEmpty();
  }

  @Test
  void installations_beforeAnyEvent_areListedFromTheApiOnce() {
    assertThat(ids(hooks.installations())).containsExactlyInAnyOrder(42L, 43L);
    List<String> accounts = new ArrayList<>();
    hooks.eachInstallation(inst -> accounts.add(inst.account()));

    assertThat(accounts).containsExactlyInAnyOrder("octo-org", "octocat");
    assertRequestsTo("/app/installations", 1);
  }

  @Test
  void installations_createdAndDeletedEvents_areFollowedWithoutAskingAgain() {
    hooks.installations();

    deliver("installation", "created", installation(44, "octo-new", "selected", null));
    deliver("installation", "deleted", installation(43, "octocat", "all", null));

    assertThat(ids(hooks.installations())).containsExactlyInAnyOrder(42L, 44L);
    assertRequestsTo("/app/installations", 1);
  }

  @Test
  void installations_suspendUnsuspendAndNewPermissions_updateTheInstallation() {
    hooks.installations();

    deliver(
        "installation",
        "suspend",
        installation(42, "octo-org", "selected", "2025-01-02T03:04:05Z"));
    assertThat(find(42).suspendedAt()).isEqualTo("2025-01-02T03:04:05Z");

    deliver("installation", "unsuspend", installation(42, "octo-org", "selected", null));
    assertThat(find(42).isSuspended()).isFalse();

    ObjectNode accepted = installation(42, "octo-org", "selected", null);
    accepted
        .with("installation")
        .with("permissions")
        .put("contents", "write")
        .put("pull_requests", "read");
    deliver("installation", "new_permissions_accepted", accepted);
    assertThat(find(42).permissions())
        .containsEntry("contents", "write")
        .containsEntry("pull_requests", "read");
  }

  /**
   * Found by WebhooksFuzzTest: a numeric suspended_at beyond any Instant threw in the directory,
   * which reported it as the delivery's failure and left the installation unchanged.
   */
  @Test
  void installations_suspendedAtBeyondAnyDate_isSuspendedAllTheSame() {
    hooks.installations();
    ObjectNode suspend = installation(42, "octo-org", "selected", null);
    ((ObjectNode) suspend.get("installation")).put("suspended_at", 99_999_999_999_999_999L);

    deliver("installation", "suspend", suspend);

    assertThat(find(42).isSuspended()).isTrue();
  }

  @Test
  void installations_deletedBeforeTheFirstListing_isNotBroughtBackByIt() {
    deliver("installation", "deleted", installation(43, "octocat", "all", null));

    assertThat(ids(hooks.installations())).containsExactly(42L);
  }

  @Test
  void eachRepository_asksTheApiOncePerInstallation() {
    List<String> first = repositories();
    List<String> second = repositories();

    assertThat(first)
        .containsExactlyInAnyOrder(
            "42 octo-org/hello-world", "42 octo-org/docs", "43 octocat/spoon-knife");
    assertThat(second).isEqualTo(first);
    assertRequestsTo("/installation/repositories", 2);
  }

  @Test
  void eachRepository_followsInstallationRepositoriesEvents() {
    List<Repository> known = new ArrayList<>();
    hooks.eachRepository((inst, repo) -> known.add(repo));
    long docs = known.stream().filter(r -> r.name().equals("docs")).findFirst().orElseThrow().id();

    ObjectNode added = installation(42, "octo-org", "selected", null);
    added.putArray("repositories_added").add(repo(9003, "octo-org/secret-plans"));
    added.putArray("repositories_removed");
    deliver("installation_repositories", "added", added);
    ObjectNode removed = installation(42, "octo-org", "selected", null);
    removed.putArray("repositories_added");
    removed.putArray("repositories_removed").add(repo(docs, "octo-org/docs"));
    deliver("installation_repositories", "removed", removed);

    assertThat(repositories())
        .filteredOn(r -> r.startsWith("42 "))
        .containsExactlyInAnyOrder("42 octo-org/hello-world", "42 octo-org/secret-plans");
    assertRequestsTo("/installation/repositories", 2);
  }

  @Test
  void eachRepository_usesTheRepositoriesACreatedEventListed() {
    ObjectNode created = installation(44, "octo-new", "selected", null);
    created.putArray("repositories").add(repo(77, "octo-new/fresh"));
    deliver("installation", "created", created);
    deliver("installation", "deleted", installation(43, "octocat", "all", null));

    // Installation 44 exists only in the event; asking the API for its repositories would fail.
    assertThat(repositories())
        .containsExactlyInAnyOrder(
            "42 octo-org/hello-world", "42 octo-org/docs", "44 octo-new/fresh");
  }

  @Test
  void eachRepository_skipsSuspendedInstallations() {
    deliver("installation", "suspend", installation(43, "octocat", "all", "2025-01-02T03:04:05Z"));

    assertThat(repositories())
        .containsExactlyInAnyOrder("42 octo-org/hello-world", "42 octo-org/docs");
  }

  private List<String> repositories() {
    List<String> repos = new ArrayList<>();
    hooks.eachRepository((inst, repo) -> repos.add(inst.id() + " " + repo.fullName()));
    return repos;
  }

  private Installation find(long id) {
    return hooks.installations().stream().filter(i -> i.id() == id).findFirst().orElseThrow();
  }

  private static List<Long> ids(List<Installation> installations) {
    return installations.stream().map(Installation::id).toList();
  }

  /**
   * The emulator logs a request just after answering it, so a count is awaited rather than read at
   * once; one request too many still fails (the count never comes down to the expected one).
   */
  private static void assertRequestsTo(String path, long expected) {
    await()
        .untilAsserted(
            () ->
                assertThat(
                        github.emulator().requests().stream()
                            .filter(r -> r.path().equals(path))
                            .count())
                    .as("requests to " + path)
                    .isEqualTo(expected));
  }

  private void deliver(String event, String action, ObjectNode payload) {
    payload.put("action", action);
    payload.putObject("sender").put("login", "octocat");
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(payload);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    WebhookResult result =
        hooks.handle(Deliveries.headers(event, UUID.randomUUID().toString(), body), body);
    assertThat(result.status()).as(result.message()).isEqualTo(202);
  }

  /** A payload with the whole installation object, as installation events carry it. */
  private static ObjectNode installation(
      long id, String account, String selection, String suspendedAt) {
    ObjectNode payload = JSON.createObjectNode();
    ObjectNode inst = payload.putObject("installation");
    inst.put("id", id).put("app_id", 1001).put("repository_selection", selection);
    inst.putObject("account").put("login", account).put("type", "Organization");
    inst.putObject("permissions").put("issues", "write").put("metadata", "read");
    ArrayNode events = inst.putArray("events");
    events.add("issues");
    if (suspendedAt == null) {
      inst.putNull("suspended_at");
    } else {
      inst.put("suspended_at", suspendedAt);
    }
    return payload;
  }

  private static ObjectNode repo(long id, String fullName) {
    return JSON.createObjectNode()
        .put("id", id)
        .put("name", fullName.substring(fullName.indexOf('/') + 1))
        .put("full_name", fullName)
        .put("private", true);
  }
}
