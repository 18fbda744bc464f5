package io.github.ghapp.examples.greeter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.GitHubClient;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.spring.boot.test.EmulatedGitHub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The example App end to end, offline: someone opens an issue on the emulator, the emulator
 * delivers the signed {@code issues.opened} to the service's own port, the service comments as its
 * installation, and its meters and health show it on the actuator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmulatedGitHub
class IssueGreeterTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Object> HELLO_WORLD =
      Map.of("owner", "octo-org", "repo", "hello-world");

  @Autowired GitHubEmulator github;
  @Autowired GitHubApp greeter;
  @LocalServerPort int port;

  @Test
  void anIssueOpenedBySomeoneElse_isThankedByTheGreetersBot() {
    JsonNode issue =
        reporter().request("POST /repos/{owner}/{repo}/issues", with("title", "Crash"));

    JsonNode comment =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> firstComment(issue), c -> !c.isMissingNode());

    assertThat(comment.path("user").path("login").asText()).isEqualTo("octo-app[bot]");
    assertThat(comment.path("body").asText()).isEqualTo(Greeter.message("reporter-app[bot]"));
  }

  @Test
  void anIssueTheGreeterOpensItself_isLeftAlone() {
    JsonNode own =
        greeter
            .installationClient(42)
            .request("POST /repos/{owner}/{repo}/issues", with("title", "Mine"));
    JsonNode other =
        reporter().request("POST /repos/{owner}/{repo}/issues", with("title", "Theirs"));

    await().atMost(Duration.ofSeconds(30)).until(() -> !firstComment(other).isMissingNode());

    assertThat(firstComment(own).isMissingNode()).isTrue();
  }

  @Test
  void theActuator_showsTheDeliveriesHandledAndTheTokensServed() throws Exception {
    JsonNode issue =
        reporter().request("POST /repos/{owner}/{repo}/issues", with("title", "Counted"));
    await().atMost(Duration.ofSeconds(30)).until(() -> !firstComment(issue).isMissingNode());

    JsonNode handled =
        actuator("/actuator/metrics/ghapp.webhook.deliveries?tag=event:issues&tag=outcome:handled");
    JsonNode tokens = actuator("/actuator/metrics/ghapp.token.requests");
    JsonNode requests = actuator("/actuator/metrics/ghapp.github.requests?tag=method:POST");

    assertThat(count(handled)).isGreaterThanOrEqualTo(1);
    assertThat(count(tokens)).isGreaterThanOrEqualTo(1);
    assertThat(count(requests)).isGreaterThanOrEqualTo(1);
  }

  @Test
  void theActuatorsHealth_isUp() throws Exception {
    JsonNode health = actuator("/actuator/health");

    assertThat(health.path("status").asText()).isEqualTo("UP");
  }

  /** Another App, installed on the same organization, that opens issues there. */
  private GitHubClient reporter() {
    synchronized (IssueGreeterTest.class) {
      if (reporter == null) {
        long appId =
            github
                .createApp(0, "reporter-app", Map.of("issues", "write"), java.util.List.of())
                .id();
        long installation = github.createInstallation(appId, "octo-org");
        reporter =
            GitHubApp.builder()
                .appId(appId)
                .privateKey(github.app(appId).privateKeyPem())
                .baseUrl(github.baseUrl())
                .build()
                .installationClient(installation);
      }
      return reporter;
    }
  }

  private static GitHubClient reporter;

  private JsonNode firstComment(JsonNode issue) {
    return greeter
        .installationClient(42)
        .request(
            "GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
            with("issue_number", issue.path("number").asInt()))
        .path(0);
  }

  private JsonNode actuator(String path) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static double count(JsonNode metric) {
    for (JsonNode measurement : metric.path("measurements")) {
      if (measurement.path("statistic").asText().equals("COUNT")) {
        return measurement.path("value").asDouble();
      }
    }
    return 0;
  }

  private static Map<String, Object> with(String key, Object value) {
    Map<String, Object> params = new java.util.HashMap<>(HELLO_WORLD);
    params.put(key, value);
    return params;
  }
}
