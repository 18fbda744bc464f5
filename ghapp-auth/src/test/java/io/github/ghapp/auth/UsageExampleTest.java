package io.github.ghapp.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The example at the top of ghapp-auth/README.md, run as written (with the emulator's app and URL).
 */
class UsageExampleTest {
  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  @Test
  void documentedExample_runsAsWritten() {
    GitHubApp app =
        GitHubApp.builder()
            .clientId(github.app(1001).clientId()) // or .appId(1001)
            .privateKey(github.app(1001).privateKeyPem()) // or a Path, a PrivateKey, a JwtSigner
            .baseUrl(github.baseUrl()) // default https://api.github.com
            .build();
    Installation inst = app.installations().forRepository("octo-org", "hello-world");
    TokenProvider tokens =
        app.tokenProvider(inst.id(), TokenRequest.builder().repositories("hello-world").build());
    String forLongJob = tokens.token(Duration.ofMinutes(45));
    GitHubClient gh = app.installationClient(inst.id());
    JsonNode repo =
        gh.request("GET /repos/{owner}/{repo}", Map.of("owner", "octo-org", "repo", "hello-world"));
    tokens.revoke();

    assertThat(inst.id()).isEqualTo(42);
    assertThat(forLongJob).isNotBlank();
    assertThat(repo.path("full_name").asText()).isEqualTo("octo-org/hello-world");
  }
}
