package io.github.ghapp.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The examples at the top of ghapp-auth/README.md and of the root README ("The library in ten
 * lines"), run as written (with the emulator's app and URL).
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

  @Test
  void rootReadmeExample_runsAsWritten() {
    GitHubApp app =
        GitHubApp.builder()
            .clientId(github.app(1001).clientId())
            .privateKey(github.app(1001).privateKeyPem())
            .baseUrl(github.baseUrl())
            .build();
    Installation inst = app.installations().forRepository("octo-org", "hello-world");
    TokenRequest scope =
        TokenRequest.builder().repositories("hello-world").permission("issues", "write").build();
    TokenProvider tokens = app.tokenProvider(inst.id(), scope);
    String token = tokens.token();
    GitHubClient gh = app.installationClient(inst.id(), scope);
    JsonNode issue =
        gh.request(
            "POST /repos/{owner}/{repo}/issues",
            Map.of("owner", "octo-org", "repo", "hello-world", "title", "Hi"));

    assertThat(github.emulator().token(token).orElseThrow().permissions())
        .containsEntry("issues", "write");
    assertThat(issue.path("title").asText()).isEqualTo("Hi");
    assertThat(issue.path("user").path("login").asText()).isEqualTo("octo-app[bot]");
  }
}
