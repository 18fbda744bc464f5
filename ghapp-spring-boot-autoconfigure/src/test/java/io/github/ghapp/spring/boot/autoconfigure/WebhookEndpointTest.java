package io.github.ghapp.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.GitHubClient;
import io.github.ghapp.auth.Repository;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.WebhookDelivery;
import io.github.ghapp.webhooks.WebhookEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Boot application on a real Tomcat, configured only by properties: the emulator's signed
 * delivery arrives on the application's own port and runs an annotated handler, which comments back
 * as the installation.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    classes = WebhookEndpointTest.App.class)
class WebhookEndpointTest {
  static final String SECRET = "It's a Secret to Everybody";
  static final GitHubEmulator EMULATOR = GitHubEmulator.builder().demoState().build().start();

  @DynamicPropertySource
  static void pointAtTheEmulator(DynamicPropertyRegistry properties) {
    properties.add("ghapp.client-id", () -> EMULATOR.app(1001).clientId());
    properties.add("ghapp.private-key", () -> EMULATOR.app(1001).privateKeyPem());
    properties.add("ghapp.base-url", () -> EMULATOR.baseUrl().toString());
    properties.add("ghapp.webhooks.secret", () -> SECRET);
  }

  @AfterAll
  static void stop() {
    EMULATOR.close();
  }

  @LocalServerPort int port;
  @Autowired GitHubApp app;
  @Autowired Greeter greeter;

  @Test
  void issueOpened_isDeliveredToTheAppsOwnPort_andAnsweredAsTheInstallation() throws Exception {
    EMULATOR.app(1001).setWebhook("http://127.0.0.1:" + port + "/api/github/webhooks", SECRET);
    GitHubClient installation = app.installationClient(42);
    JsonNode issue =
        installation.request(
            "POST /repos/{owner}/{repo}/issues",
            Map.of("owner", "octo-org", "repo", "hello-world", "title", "It does not start"));

    assertThat(greeter.commented.await(20, TimeUnit.SECONDS)).isTrue();
    JsonNode comments =
        installation.request(
            "GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
            Map.of(
                "owner",
                "octo-org",
                "repo",
                "hello-world",
                "issue_number",
                issue.path("number").asInt()));
    assertThat(comments.path(0).path("body").asText()).isEqualTo("Thanks for the report!");
    WebhookDelivery delivery =
        await()
            .until(
                () ->
                    EMULATOR.deliveries().stream()
                        .filter(d -> "issues".equals(d.event()) && d.statusCode() != null)
                        .findFirst(),
                Optional::isPresent)
            .orElseThrow();
    assertThat(delivery.statusCode()).isEqualTo(202);
  }

  @Test
  void unsignedPost_isRefused_onTheSamePort() throws Exception {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/github/webhooks"))
                    .header("Content-Type", "application/json")
                    .header("X-GitHub-Event", "ping")
                    .header("X-GitHub-Delivery", "d-1")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(401);
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    Greeter greeter() {
      return new Greeter();
    }
  }

  static class Greeter {
    final CountDownLatch commented = new CountDownLatch(1);

    @GitHubWebhook("issues.opened")
    void greet(WebhookEvent event, GitHubClient github) {
      Repository repo = event.repository().orElseThrow();
      github.request(
          "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
          Map.of(
              "owner", repo.owner(),
              "repo", repo.name(),
              "issue_number", event.payload().path("issue").path("number").asInt(),
              "body", "Thanks for the report!"));
      commented.countDown();
    }
  }
}
