package io.github.ghapp.examples.greeter;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.GitHubClient;
import io.github.ghapp.emulator.EmulatedApp;
import io.github.ghapp.emulator.GitHubEmulator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;

/**
 * The example App against a local emulator, in one command (see the README): the emulator starts
 * with its demo state, the service starts pointed at it, another App opens an issue, and the
 * service's comment is printed. Both keep running until Ctrl-C, for more issues and the actuator.
 */
public final class IssueGreeterOnEmulator {

  private IssueGreeterOnEmulator() {}

  public static void main(String[] args) {
    GitHubEmulator github = GitHubEmulator.builder().demoState().build().start();
    EmulatedApp app = github.app(1001);
    String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    // As command-line arguments (in this JVM only, never in a process's argv), they win over the
    // GREETER_* variables that application.yaml reads.
    List<String> settings =
        new java.util.ArrayList<>(
            List.of(
                "--ghapp.client-id=" + app.clientId(),
                "--ghapp.private-key=" + app.privateKeyPem(),
                "--ghapp.base-url=" + github.baseUrl(),
                "--ghapp.webhooks.secret=" + secret));
    settings.addAll(List.of(args));
    new SpringApplicationBuilder(IssueGreeterApplication.class)
        .listeners(
            (WebServerInitializedEvent started) ->
                app.setWebhook(
                    "http://127.0.0.1:" + started.getWebServer().getPort() + "/api/github/webhooks",
                    secret))
        .run(settings.toArray(String[]::new));

    long reporterId =
        github.createApp(0, "reporter-app", Map.of("issues", "write"), List.of()).id();
    GitHubClient reporter =
        GitHubApp.builder()
            .appId(reporterId)
            .privateKey(github.app(reporterId).privateKeyPem())
            .baseUrl(github.baseUrl())
            .build()
            .installationClient(github.createInstallation(reporterId, "octo-org"));
    JsonNode issue =
        reporter.request(
            "POST /repos/{owner}/{repo}/issues",
            Map.of("owner", "octo-org", "repo", "hello-world", "title", "It crashes on start"));
    Map<String, Object> comments =
        Map.of("owner", "octo-org", "repo", "hello-world", "issue_number", issue.get("number"));
    JsonNode comment =
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () ->
                    reporter
                        .request(
                            "GET /repos/{owner}/{repo}/issues/{issue_number}/comments", comments)
                        .path(0),
                c -> !c.isMissingNode());
    System.out.println();
    System.out.println(
        "issue #" + issue.get("number") + " opened by reporter-app[bot] on octo-org/hello-world");
    System.out.println(
        comment.at("/user/login").asText() + " answered: " + comment.get("body").asText());
    System.out.println(
        "emulator: "
            + github.baseUrl()
            + "  (its admin API, /_emulator/, takes 'Authorization: Bearer "
            + github.adminToken()
            + "')");
    System.out.println("Ctrl-C stops the service and the emulator.");
  }
}
