package io.github.ghapp.spring.boot.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.GitHubClient;
import io.github.ghapp.auth.Installation;
import io.github.ghapp.auth.Repository;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.spring.boot.autoconfigure.GitHubWebhook;
import io.github.ghapp.webhooks.WebhookEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/** A service as its author would test it: offline, its properties pointed at the emulator. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    classes = EmulatedGitHubTest.Service.class,
    properties = {"ghapp.app-id=99", "management.endpoint.health.show-details=always"})
@EmulatedGitHub
class EmulatedGitHubTest {
  @Autowired GitHubEmulator github;
  @Autowired GitHubApp app;
  @Autowired Greeter greeter;
  @LocalServerPort int port;

  @Test
  void actuatorHealth_showsTheAppAccepted_throughBootsJackson3() throws Exception {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health/ghapp"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode health = new ObjectMapper().readTree(answer.body());
    assertThat(health.path("status").asText()).isEqualTo("UP");
    assertThat(health.path("details").path("app").asText()).isEqualTo("octo-app");
  }

  @Test
  void theApplicationsGitHubApp_isTheEmulatedOne() {
    assertThat(app.baseUrl()).isEqualTo(github.baseUrl());
    List<Installation> installations = app.installations().list();
    assertThat(installations).extracting(Installation::id).contains(42L, 43L);
  }

  @Test
  void anIssueOpenedOnTheEmulator_isDeliveredToTheApplication_whichComments() throws Exception {
    GitHubClient octoOrg = app.installationClient(42);
    JsonNode issue =
        octoOrg.request(
            "POST /repos/{owner}/{repo}/issues",
            Map.of("owner", "octo-org", "repo", "hello-world", "title", "Offline at last"));

    assertThat(greeter.commented.await(20, TimeUnit.SECONDS)).isTrue();
    JsonNode comments =
        octoOrg.request(
            "GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
            Map.of(
                "owner", "octo-org",
                "repo", "hello-world",
                "issue_number", issue.path("number").asInt()));
    assertThat(comments.path(0).path("body").asText()).isEqualTo("Welcome, offline tester!");
    assertThat(comments.path(0).path("user").path("login").asText()).isEqualTo("octo-app[bot]");
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Service {
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
              "body", "Welcome, offline tester!"));
      commented.countDown();
    }
  }
}
