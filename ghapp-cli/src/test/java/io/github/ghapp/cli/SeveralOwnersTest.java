package io.github.ghapp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code ghapp token} for several accounts: one token per installation, each on its account. */
class SeveralOwnersTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  @TempDir Path home;
  GitHubEmulator emulator;
  Cli cli;

  @BeforeEach
  void setUp() {
    emulator = github.emulator();
    cli = Cli.demoApp(emulator, home);
  }

  @Test
  void token_forTwoOwners_formatJson_mapsEachAccountToATokenOfItsOwnInstallation()
      throws Exception {
    Cli.Result result =
        cli.run("token", "--owner", "octo-org", "--owner", "octocat", "--format", "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode tokens = JSON.readTree(result.out());
    assertThat(iterable(tokens.fieldNames())).containsExactly("octo-org", "octocat");
    assertThat(owners(tokens.get("octo-org").get("token").asText())).containsOnly("octo-org");
    assertThat(owners(tokens.get("octocat").get("token").asText())).containsOnly("octocat");
  }

  @Test
  void token_forAllInstallations_formatEnv_printsOneVariablePerAccount() throws Exception {
    Cli.Result result = cli.run("token", "--all-installations", "--format", "env");

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<String> lines = result.out().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("GHAPP_TOKEN_OCTO_ORG=ghs_");
    assertThat(lines.get(1)).startsWith("GHAPP_TOKEN_OCTOCAT=ghs_");
    assertThat(owners(lines.get(0).substring(lines.get(0).indexOf('=') + 1)))
        .containsOnly("octo-org");
    assertThat(owners(lines.get(1).substring(lines.get(1).indexOf('=') + 1)))
        .containsOnly("octocat");
  }

  @Test
  void token_forOwnersWhoseVariablesWouldCollide_isRefusedBeforeAnyMint() {
    long before = Cli.mints(emulator);

    Cli.Result result =
        cli.run("token", "--owner", "octo-org", "--owner", "OCTO_ORG", "--format", "env");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.errLines())
        .singleElement()
        .asString()
        .contains("octo-org and OCTO_ORG would both be GHAPP_TOKEN_OCTO_ORG");
    assertThat(Cli.mints(emulator)).isEqualTo(before);
  }

  @Test
  void token_forSeveralOwners_asRawTokens_andExecForTwo_areRefusedWithWhatToDo() {
    Cli.Result raw = cli.run("token", "--owner", "octo-org", "--owner", "octocat");
    Cli.Result exec = cli.run("exec", "--owner", "octo-org", "--owner", "octocat", "--", "true");

    assertThat(raw.exitCode()).isEqualTo(2);
    assertThat(raw.errLines()).singleElement().asString().contains("--format json");
    assertThat(exec.exitCode()).isEqualTo(2);
    assertThat(exec.errLines()).singleElement().asString().contains("Pass --owner once");
  }

  /** The owners of the repositories the token reaches, as the emulator answers. */
  private List<String> owners(String token) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/installation/repositories"))
            .header("Authorization", "Bearer " + token)
            .build();
    JsonNode body =
        JSON.readTree(
            HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body());
    List<String> owners = new ArrayList<>();
    body.get("repositories").forEach(r -> owners.add(r.get("owner").get("login").asText()));
    assertThat(owners).isNotEmpty();
    return owners;
  }

  private static List<String> iterable(java.util.Iterator<String> names) {
    List<String> list = new ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }
}
