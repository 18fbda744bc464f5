package io.github.ghapp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class TokenCommandTest {
  @RegisterExtension
  static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo().freshPerTest();

  @TempDir Path home;
  GitHubEmulator emulator;
  Cli cli;

  @BeforeEach
  void setUp() {
    emulator = github.emulator();
    cli = Cli.demoApp(emulator, home);
  }

  @Test
  void token_forRepository_printsTheTokenAloneOnStdout() {
    Cli.Result result = cli.run("token", "--repo", "octo-org/hello-world");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).matches("ghs_[A-Za-z0-9]{36}\\n");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void token_calledTwice_mintsOnceAndPrintsTheSameToken() {
    String first = cli.run("token", "--repo", "octo-org/hello-world").out();
    emulator.clearRequests();

    String second = cli.run("token", "--repo", "octo-org/hello-world").out();

    assertThat(second).isEqualTo(first);
    assertThat(emulator.requests())
        .as("answered from the disk caches: no look-up, no mint")
        .isEmpty();
  }

  @Test
  void token_answeredFromTheDiskCache_buildsNoHttpClient() {
    cli.run("token", "--repo", "octo-org/hello-world");
    Set<String> before = httpClientSelectors();

    Cli.Result cached = cli.run("token", "--repo", "octo-org/hello-world");

    assertThat(cached.exitCode()).isZero();
    Set<String> built = httpClientSelectors();
    built.removeAll(before);
    assertThat(built).as("HttpClients built by a command answered from the cache").isEmpty();
  }

  /** A JDK HttpClient starts one thread named HttpClient-N-SelectorManager as it is built. */
  private static Set<String> httpClientSelectors() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(name -> name.startsWith("HttpClient-") && name.endsWith("-SelectorManager"))
        .collect(Collectors.toCollection(HashSet::new));
  }

  @Test
  void token_withNoCache_mintsEveryTimeAndStoresNothing() {
    String first = cli.run("token", "--owner", "octo-org", "--no-cache").out();
    String second = cli.run("token", "--owner", "octo-org", "--no-cache").out();

    assertThat(second).isNotEqualTo(first);
    assertThat(Cli.mints(emulator)).isEqualTo(2);
    assertThat(cli.cacheDirectory().resolve("tokens")).doesNotExist();
  }

  @Test
  void token_whenTheCachedOneLacksTheMinValidity_mintsANewOne() {
    String first = cli.run("token", "--installation-id", "42").out();
    emulator.clock().advance(Duration.ofMinutes(20)); // 40 minutes left

    String enough = cli.run("token", "--installation-id", "42", "--min-validity", "30m").out();
    String more = cli.run("token", "--installation-id", "42", "--min-validity", "45m").out();

    assertThat(enough).isEqualTo(first);
    assertThat(more).isNotEqualTo(first);
    assertThat(Cli.mints(emulator)).isEqualTo(2);
  }

  @Test
  void token_asJson_showsExpiryAndTheNarrowedScope() throws Exception {
    Cli.Result result =
        cli.run(
            "token",
            "--org",
            "octo-org",
            "--repository",
            "hello-world",
            "--permission",
            "issues=write",
            "--permission",
            "metadata=read",
            "--format",
            "json");

    JsonNode json = new ObjectMapper().readTree(result.out());
    assertThat(json.path("token").asText()).startsWith("ghs_");
    assertThat(json.path("expires_at").asText()).endsWith("Z");
    assertThat(json.path("permissions").toString())
        .isEqualTo("{\"issues\":\"write\",\"metadata\":\"read\"}");
    assertThat(json.path("repository_selection").asText()).isEqualTo("selected");
    assertThat(json.path("repositories").toString()).isEqualTo("[\"octo-org/hello-world\"]");
  }

  @Test
  void token_asEnv_printsLinesForAnEnvFile() {
    Cli.Result result = cli.run("token", "--user", "octocat", "--format", "env");

    assertThat(result.out()).matches("GITHUB_TOKEN=ghs_\\w+\\nGITHUB_TOKEN_EXPIRES_AT=\\S+Z\\n");
  }

  @Test
  void token_forAnOwnerThatIsAUser_findsItsInstallation() {
    Cli.Result result = cli.run("token", "--owner", "octocat", "--format", "json");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("\"repository_selection\" : \"all\"");
  }

  @Test
  void token_withTheAppGivenAsOptions_ignoresTheEnvironment() throws Exception {
    Path key = home.resolve("key.pem");
    Files.writeString(key, emulator.app(1001).privateKeyPem());
    cli.env("GHAPP_CLIENT_ID", "Iv23liSomethingElse").env("GHAPP_PRIVATE_KEY", null);

    Cli.Result result =
        cli.run(
            "token",
            "--app-id",
            "1001",
            "--private-key",
            key.toString(),
            "--base-url",
            emulator.baseUrl().toString(),
            "--installation-id",
            "43");

    assertThat(result.exitCode()).isZero();
  }

  @Test
  void token_withTheClientIdAsOption_replacesBothVariables() {
    cli.env("GHAPP_CLIENT_ID", "Iv23liSomethingElse").env("GHAPP_APP_ID", "999");

    Cli.Result result = cli.run("token", "--client-id", "Iv23liDemo", "--installation-id", "42");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).startsWith("ghs_");
  }

  @Test
  void token_withTheAppIdInTheEnvironment_mints() {
    cli.env("GHAPP_CLIENT_ID", null).env("GHAPP_APP_ID", "1001");

    Cli.Result result = cli.run("token", "--installation-id", "42");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).startsWith("ghs_");
  }

  @Test
  void token_withRepositoryRepeated_narrowsTheTokenToThoseRepositories() throws Exception {
    Cli.Result result =
        cli.run(
            "token",
            "--owner",
            "octocat",
            "--repository",
            "spoon-knife",
            "--permission",
            "contents=read",
            "--format",
            "json",
            "--no-cache");
    Cli.Result both =
        cli.run(
            "token",
            "--repo",
            "octo-org/docs",
            "--repository",
            "hello-world",
            "--repository",
            "docs",
            "--format",
            "json");

    assertThat(new ObjectMapper().readTree(result.out()).path("repositories").toString())
        .isEqualTo("[\"octocat/spoon-knife\"]");
    assertThat(new ObjectMapper().readTree(both.out()).path("repositories").toString())
        .isEqualTo("[\"octo-org/hello-world\",\"octo-org/docs\"]");
  }

  @Test
  void token_withTheKeyOnStdin_readsIt() {
    cli.env("GHAPP_PRIVATE_KEY", null).stdin(emulator.app(1001).privateKeyPem());

    Cli.Result result = cli.run("token", "--private-key", "-", "--installation-id", "42");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("ghs_");
  }

  @Test
  void token_withThePemTextInTheEnvironment_readsIt() {
    cli.env("GHAPP_PRIVATE_KEY", emulator.app(1001).privateKeyPem());

    Cli.Result result = cli.run("token", "--installation-id", "42");

    assertThat(result.exitCode()).as(result.err()).isZero();
  }

  @Test
  void token_withThePemTextInTheEnvironment_escapedNewlinesIncluded_readsIt() {
    cli.env("GHAPP_PRIVATE_KEY", emulator.app(1001).privateKeyPem().strip().replace("\n", "\\n"));

    Cli.Result result = cli.run("token", "--installation-id", "42");

    assertThat(result.exitCode()).isZero();
  }

  @Test
  void token_whenTheCachedInstallationWasDeleted_looksItUpAgain() {
    cli.run("token", "--owner", "octocat");
    // The same GitHub (URL) and cache, but the app was installed again: the cached id 43 is gone.
    int port = emulator.port();
    emulator.stop();
    try (GitHubEmulator other =
        GitHubEmulator.builder()
            .port(port)
            .stateYaml(
                ""
                    + "apps: [{id: 1001, client_id: Iv23liDemo, slug: octo-app}]\n"
                    + "accounts: [{login: octocat, type: User, repositories: [spoon-knife]}]\n"
                    + "installations: [{id: 77, app: 1001, account: octocat, repository_selection: all}]\n")
            .build()
            .start()) {
      Cli moved = Cli.demoApp(other, home);

      Cli.Result result = moved.run("token", "--owner", "octocat", "--format", "json");

      assertThat(result.exitCode()).as(result.err()).isZero();
      assertThat(other.requests())
          .extracting(r -> r.method() + " " + r.path())
          .containsExactly(
              "POST /app/installations/43/access_tokens", "GET /orgs/octocat/installation",
              "GET /users/octocat/installation", "POST /app/installations/77/access_tokens");
    }
  }
}
