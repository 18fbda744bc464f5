package io.github.ghapp.examples.greeter;

import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.GitHubClient;
import io.github.ghapp.auth.Repository;
import io.github.ghapp.spring.boot.autoconfigure.GitHubWebhook;
import io.github.ghapp.webhooks.WebhookEvent;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Comments on every issue opened by someone else, as the installation's bot. Issues the App opens
 * itself are left alone, so that two bots cannot answer each other forever.
 */
@Component
class Greeter {

  private static final Logger log = LoggerFactory.getLogger(Greeter.class);

  private final GitHubApp app;
  private volatile String ownBot;

  Greeter(GitHubApp app) {
    this.app = app;
  }

  @GitHubWebhook("issues.opened")
  void thank(WebhookEvent event, GitHubClient installation) {
    String author = event.senderLogin().orElse("there");
    if (author.equals(ownBot())) {
      return;
    }
    Repository repository = event.repository().orElseThrow();
    int number = event.payload().path("issue").path("number").asInt();
    installation.request(
        "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
        Map.of(
            "owner", repository.owner(),
            "repo", repository.name(),
            "issue_number", number,
            "body", message(author)));
    log.info("thanked {} for {}#{}", author, repository.fullName(), number);
  }

  static String message(String author) {
    return "Thanks for opening this issue, @" + author + "! A maintainer will look at it soon.";
  }

  /** This App's bot user, {@code <slug>[bot]}, read once with the App's JWT ({@code GET /app}). */
  private String ownBot() {
    String bot = ownBot;
    if (bot == null) {
      bot = app.appClient().request("GET /app", Map.of()).path("slug").asText() + "[bot]";
      ownBot = bot;
    }
    return bot;
  }
}
