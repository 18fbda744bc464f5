package io.github.ghapp.emulator;

import static io.github.ghapp.emulator.JwtAuthenticationTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GITHUB-FACTS.md section 3: a token can only narrow its installation, with GitHub's refusals. */
class MintingTest {

  private static final String NOT_GRANTED =
      "The permissions requested are not granted to this installation.";
  private static final String NOT_ACCESSIBLE =
      "There is at least one repository that does not exist or is not "
          + "accessible to the parent installation.";

  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  private Http.Reply mint(long installation, String body) {
    return Tokens.mintReply(github.emulator(), installation, body);
  }

  private static List<String> names(JsonNode repositories) {
    List<String> names = new ArrayList<>();
    repositories.forEach(r -> names.add(r.get("name").asText()));
    return names;
  }

  @Test
  void mint_withoutBody_reachesTheWholeInstallationForOneHour() {
    Instant now = github.emulator().clock().instant();

    Http.Reply reply = mint(42, null);

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.json.get("repository_selection").asText()).isEqualTo("selected");
    assertThat(names(reply.json.get("repositories"))).containsExactly("hello-world", "docs");
    assertThat(reply.json.get("permissions").toString())
        .isEqualTo("{\"contents\":\"read\",\"issues\":\"write\",\"metadata\":\"read\"}");
    Instant expiresAt = Instant.parse(reply.json.get("expires_at").asText());
    assertThat(reply.json.get("expires_at").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(Duration.between(now, expiresAt))
        .isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
  }

  @Test
  void mint_onAnAllInstallation_saysAllAndListsNoRepositories() {
    Http.Reply reply = mint(43, "{}");

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.json.get("repository_selection").asText()).isEqualTo("all");
    assertThat(reply.json.has("repositories")).isFalse();
    assertThat(reply.json.get("permissions").toString())
        .isEqualTo("{\"contents\":\"write\",\"issues\":\"write\",\"metadata\":\"read\"}");
  }

  @Test
  void mint_repositoriesByName_narrowsTheToken() {
    Http.Reply reply = mint(42, "{\"repositories\":[\"docs\"]}");

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.json.get("repository_selection").asText()).isEqualTo("selected");
    assertThat(names(reply.json.get("repositories"))).containsExactly("docs");
  }

  @Test
  void mint_repositoryIds_narrowTheToken() {
    JsonNode all = mint(42, "{}").json.get("repositories");
    long docsId = all.get(1).get("id").asLong();

    Http.Reply reply = mint(42, "{\"repository_ids\":[" + docsId + "]}");

    assertThat(names(reply.json.get("repositories"))).containsExactly("docs");
  }

  @Test
  void mint_repositoryObjects_carryTheFieldsGitHubsSchemaRequires() {
    JsonNode repository =
        mint(42, "{\"repositories\":[\"hello-world\"]}").json.get("repositories").get(0);

    assertThat(repository.get("full_name").asText()).isEqualTo("octo-org/hello-world");
    assertThat(repository.get("private").asBoolean()).isTrue();
    assertThat(repository.get("owner").get("login").asText()).isEqualTo("octo-org");
    assertThat(repository.get("owner").get("type").asText()).isEqualTo("Organization");
    assertThat(repository.get("url").asText())
        .isEqualTo(github.baseUrl() + "/repos/octo-org/hello-world");
    for (String field :
        new String[] {
          "id",
          "node_id",
          "name",
          "html_url",
          "clone_url",
          "default_branch",
          "created_at",
          "updated_at",
          "pushed_at",
          "visibility",
          "archive_url",
          "trees_url",
          "license"
        }) {
      assertThat(repository.has(field)).as(field).isTrue();
    }
  }

  @Test
  void mint_narrowerPermissions_areGrantedWithMetadata() {
    Http.Reply reply = mint(42, "{\"permissions\":{\"issues\":\"read\"}}");

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.json.get("permissions").toString())
        .isEqualTo("{\"issues\":\"read\",\"metadata\":\"read\"}");
  }

  @Test
  void mint_permissionAboveTheGrant_isRefused() {
    assertRefused(mint(42, "{\"permissions\":{\"contents\":\"write\"}}"), 422, NOT_GRANTED);
  }

  @Test
  void mint_permissionNotGranted_isRefused() {
    assertRefused(mint(42, "{\"permissions\":{\"administration\":\"read\"}}"), 422, NOT_GRANTED);
  }

  @Test
  void mint_unknownPermissionOrLevel_isRefused() {
    assertRefused(mint(42, "{\"permissions\":{\"teleportation\":\"read\"}}"), 422, NOT_GRANTED);
    assertRefused(mint(42, "{\"permissions\":{\"issues\":\"superuser\"}}"), 422, NOT_GRANTED);
  }

  @Test
  void mint_repositoryOutsideTheInstallation_isRefused() {
    assertRefused(mint(42, "{\"repositories\":[\"secret-plans\"]}"), 422, NOT_ACCESSIBLE);
  }

  @Test
  void mint_repositoryThatDoesNotExist_isRefused() {
    assertRefused(mint(42, "{\"repositories\":[\"hello-world\",\"nope\"]}"), 422, NOT_ACCESSIBLE);
    assertRefused(mint(42, "{\"repository_ids\":[1]}"), 422, NOT_ACCESSIBLE);
  }

  @Test
  void mint_anotherAccountsRepository_isRefused() {
    assertRefused(mint(42, "{\"repositories\":[\"spoon-knife\"]}"), 422, NOT_ACCESSIBLE);
  }

  @Test
  void mint_malformedJson_isProblemsParsingJson() {
    assertRefused(mint(42, "{\"repositories\": [\"docs\""), 400, "Problems parsing JSON");
  }

  @Test
  void mint_wrongTypes_areSchemaValidationErrors() {
    Http.Reply notAnArray = mint(42, "{\"repositories\":\"docs\"}");
    assertThat(notAnArray.status()).isEqualTo(422);
    assertThat(notAnArray.message())
        .isEqualTo(
            "Invalid request.\n\nFor 'properties/repositories', \"docs\" is " + "not an array.");

    Http.Reply notAnInteger = mint(42, "{\"repository_ids\":[\"docs\"]}");
    assertThat(notAnInteger.status()).isEqualTo(422);
    assertThat(notAnInteger.message()).contains("is not an integer");
  }

  @Test
  void mint_moreThan500Repositories_isAValidationError() {
    String names =
        IntStream.range(0, 501)
            .mapToObj(i -> "\"repo-" + i + "\"")
            .collect(Collectors.joining(","));

    Http.Reply reply = mint(42, "{\"repositories\":[" + names + "]}");

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.message()).isEqualTo("Validation Failed");
    JsonNode error = reply.json.get("errors").get(0);
    assertThat(error.get("field").asText()).isEqualTo("repositories");
    assertThat(error.get("code").asText()).isEqualTo("invalid");
    assertThat(reply.json.get("documentation_url").asText())
        .contains("create-an-installation-access-token");
  }

  @Test
  void mint_tooManyRepositoriesForItsPermissions_isRefusedNamingTheMaximum() {
    GitHubEmulator emu = github.emulator();
    // 40 permissions: the emulator's bound of 5,000 grants (unconfirmed) leaves 125 repositories.
    List<String> names =
        List.of(
            "actions",
            "administration",
            "artifact_metadata",
            "attestations",
            "checks",
            "code_quality",
            "codespaces",
            "contents",
            "dependabot_secrets",
            "deployments",
            "discussions",
            "environments",
            "issues",
            "merge_queues",
            "metadata",
            "packages",
            "pages",
            "pull_requests",
            "repository_custom_properties",
            "repository_hooks",
            "secret_scanning_alerts",
            "secrets",
            "security_events",
            "single_file",
            "statuses",
            "vulnerability_alerts",
            "workflows",
            "members",
            "organization_administration",
            "organization_hooks",
            "organization_secrets",
            "organization_self_hosted_runners",
            "organization_packages",
            "organization_projects",
            "email_addresses",
            "followers",
            "git_ssh_keys",
            "gpg_keys",
            "starring",
            "profile");
    Map<String, String> everything = names.stream().collect(Collectors.toMap(n -> n, n -> "write"));
    emu.createApp(3003, "greedy", everything, List.of());
    emu.createAccount("big-org", "Organization");
    IntStream.rangeClosed(1, 126).forEach(i -> emu.createRepository("big-org", "repo-" + i, true));
    long installation = emu.createInstallation(3003, "big-org");
    String jwt = Tokens.jwt(emu, 3003);

    Http.Reply refused =
        Http.at(emu.baseUrl())
            .bearer(jwt)
            .post(
                "/app/installations/" + installation + "/access_tokens",
                "{\"repositories\": " + repositoryNames(126) + "}");
    Http.Reply allowed =
        Http.at(emu.baseUrl())
            .bearer(jwt)
            .post(
                "/app/installations/" + installation + "/access_tokens",
                "{\"repositories\": " + repositoryNames(125) + "}");

    assertRefused(
        refused,
        422,
        "The permissions and repositories requested are too complex. Request at most 125 "
            + "repositories with these 40 permissions, or fewer permissions.");
    assertThat(allowed.status()).isEqualTo(201);
    assertThat(allowed.json.get("repositories")).hasSize(125);
  }

  private static String repositoryNames(int count) {
    return IntStream.rangeClosed(1, count)
        .mapToObj(i -> "\"repo-" + i + "\"")
        .collect(Collectors.joining(",", "[", "]"));
  }

  @Test
  void mint_unknownInstallation_isNotFound() {
    Http.Reply reply = mint(4242, "{}");

    assertRefused(reply, 404, "Not Found");
    assertThat(reply.json.get("status").asText()).isEqualTo("404");
  }

  @Test
  void mint_anotherAppsInstallation_isNotFound() {
    GitHubEmulator emu = github.emulator();
    EmulatedApp other = emu.createApp(0, "other-app-minting", Map.of("issues", "read"), List.of());
    String jwt = Jwts.forApp(other.privateKeyPem(), other.id(), emu.clock().instant());

    Http.Reply reply =
        Http.at(emu.baseUrl()).bearer(jwt).post("/app/installations/42/access_tokens", "{}");

    assertRefused(reply, 404, "Not Found");
  }

  @Test
  void mint_suspendedInstallation_isForbidden() {
    GitHubEmulator emu = github.emulator();
    emu.suspend(43);
    try {
      assertRefused(mint(43, "{}"), 403, "This installation has been suspended");
    } finally {
      emu.unsuspend(43);
    }
    assertThat(mint(43, "{}").status()).isEqualTo(201);
  }

  @Test
  void mint_recordsTheInstallationAndCountsAsAMint() {
    GitHubEmulator emu = github.emulator();
    emu.clearRequests();

    mint(42, "{}");
    mint(42, "{\"repositories\":[\"nope\"]}");

    assertThat(emu.requests()).hasSize(2);
    assertThat(emu.requests().stream().filter(RecordedRequest::isMint).count()).isEqualTo(1);
    RecordedRequest first = emu.requests().get(0);
    assertThat(first.credential()).isEqualTo(CredentialKind.JWT);
    assertThat(first.installationId()).isEqualTo(42L);
    assertThat(first.path()).isEqualTo("/app/installations/42/access_tokens");
    assertThat(first.status()).isEqualTo(201);
  }

  @Test
  void mint_concurrently_givesEveryCallerItsOwnWorkingToken() throws Exception {
    int callers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<String>> minted = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        minted.add(
            pool.submit(
                () -> {
                  go.await();
                  return Tokens.mint(github.emulator(), 42, "{}");
                }));
      }
      go.countDown();
      Set<String> tokens = new HashSet<>();
      for (Future<String> token : minted) {
        tokens.add(token.get(30, TimeUnit.SECONDS));
      }

      assertThat(tokens).hasSize(callers);
      for (String token : tokens) {
        assertThat(
                Http.at(github.baseUrl()).token(token).get("/installation/repositories").status())
            .isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
