package io.github.ghapp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A 403 "Resource not accessible by integration" says what GitHub would have accepted beside what
 * the token had. GitHub's answers are played by a small server on a real socket, since they must
 * carry exactly the header GitHub sends.
 */
class MissingPermissionsTest {
  private HttpServer github;
  private volatile String accepted;

  @BeforeEach
  void start() throws IOException {
    github = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    github.createContext(
        "/app/installations/42/access_tokens",
        exchange ->
            answer(
                exchange,
                201,
                null,
                "{\"token\":\"ghs_"
                    + "a".repeat(36)
                    + "\",\"expires_at\":\""
                    + Instant.now().plus(Duration.ofHours(1))
                    + "\",\"permissions\":{\"issues\":\"read\",\"metadata\":\"read\"}}"));
    github.createContext(
        "/repos/octo-org/hello-world/issues",
        exchange ->
            answer(
                exchange,
                403,
                accepted,
                "{\"message\":\"Resource not accessible by integration\",\"documentation_url\":"
                    + "\"https://docs.github.com/rest/issues/issues#create-an-issue\",\"status\":\"403\"}"));
    github.start();
  }

  @AfterEach
  void stop() {
    github.stop(0);
  }

  @Test
  void refusal_withTheAcceptedHeader_namesWhatIsNeededBesideWhatTheTokenHas() {
    accepted = "issues=write";

    assertThatThrownBy(() -> createIssue(app()))
        .isInstanceOfSatisfying(
            ResourceNotAccessibleException.class,
            e -> {
              assertThat(e.acceptedPermissions())
                  .containsExactly(PermissionSet.parse("issues=write"));
              assertThat(e.tokenPermissions()).containsEntry("issues", "read");
            })
        .hasMessageContaining(
            "The operation needs issues=write (this token has issues=read): add it in the app's"
                + " settings");
  }

  @Test
  void refusal_withAlternatives_namesEachSetAndOnlyThePermissionsTheyName() {
    accepted = "pull_requests=write,contents=read; issues=write";

    assertThatThrownBy(() -> createIssue(app()))
        .hasMessageContaining(
            "The operation needs contents=read,pull_requests=write or issues=write (this token has"
                + " issues=read)");
  }

  @Test
  void refusal_withoutTheHeader_saysWhatItCan() {
    accepted = null;

    assertThatThrownBy(() -> createIssue(app()))
        .isInstanceOfSatisfying(
            ResourceNotAccessibleException.class,
            e -> assertThat(e.acceptedPermissions()).isEmpty())
        .hasMessageContaining("The token lacks the permission this operation needs");
  }

  @Test
  void refusal_withAnOddHeader_neverFailsOnIt() {
    accepted = "=;,;; whatever";

    assertThatThrownBy(() -> createIssue(app()))
        .isInstanceOf(ResourceNotAccessibleException.class)
        .hasMessageContaining("The token lacks the permission this operation needs");
  }

  @Test
  void refusal_ofABareToken_namesTheNeedWithoutGuessingWhatTheTokenHad() {
    accepted = "issues=write";
    GitHubClient bare = GitHubClient.withToken(baseUrl(), "ghs_" + "b".repeat(36));

    assertThatThrownBy(() -> createIssue(bare))
        .hasMessageContaining("The operation needs issues=write: add it");
  }

  private GitHubClient app() {
    return GitHubApp.builder()
        .appId(1)
        .privateKey(TestKeys.pkcs1Pem(TestKeys.rsa()))
        .baseUrl(baseUrl())
        .build()
        .installationClient(42);
  }

  private static void createIssue(GitHubClient client) {
    client.request(
        "POST /repos/{owner}/{repo}/issues",
        Map.of("owner", "octo-org", "repo", "hello-world", "title", "t"));
  }

  private URI baseUrl() {
    return URI.create("http://127.0.0.1:" + github.getAddress().getPort());
  }

  private static void answer(HttpExchange exchange, int status, String accepted, String json)
      throws IOException {
    exchange.getRequestBody().readAllBytes();
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    if (accepted != null) {
      exchange.getResponseHeaders().add("X-Accepted-GitHub-Permissions", accepted);
    }
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }
}
