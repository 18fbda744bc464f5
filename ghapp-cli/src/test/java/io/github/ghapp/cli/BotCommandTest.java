package io.github.ghapp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghapp.emulator.CredentialKind;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import io.github.ghapp.emulator.RecordedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code ghapp bot}: the bot user's name and no-reply address, its id GitHub's bot user id. */
class BotCommandTest {
  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  @TempDir Path home;
  GitHubEmulator emulator;
  Cli cli;
  long botId;

  @BeforeEach
  void setUp() throws Exception {
    emulator = github.emulator();
    cli = Cli.demoApp(emulator, home);
    botId = botUserIdAsGitHubServesIt();
  }

  /** Read from the emulator over HTTP, as a user would check it with curl. */
  private long botUserIdAsGitHubServesIt() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/users/octo-app%5Bbot%5D"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    JsonNode user = new ObjectMapper().readTree(response.body());
    assertThat(user.get("type").asText()).isEqualTo("Bot");
    return user.get("id").asLong();
  }

  @Test
  void bot_printsTheBotUsersNameAndNoReplyAddressWithItsUserIdNotTheAppId() {
    Cli.Result result = cli.run("bot");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(botId).isNotEqualTo(1001L).isEqualTo(emulator.app(1001).botUserId());
    assertThat(result.out())
        .isEqualTo("octo-app[bot] <" + botId + "+octo-app[bot]@users.noreply.github.com>\n");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void bot_formatGit_printsGitConfigLinesQuotedForEval() {
    Cli.Result result = cli.run("bot", "--format", "git");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "git config user.name 'octo-app[bot]'\n"
                + "git config user.email '"
                + botId
                + "+octo-app[bot]@users.noreply.github.com'\n");
  }

  @Test
  void bot_formatEnv_printsAuthorAndCommitterVariables() {
    Cli.Result result = cli.run("bot", "--format", "env");

    String email = botId + "+octo-app[bot]@users.noreply.github.com";
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "GIT_AUTHOR_NAME=octo-app[bot]\n"
                + "GIT_AUTHOR_EMAIL="
                + email
                + "\nGIT_COMMITTER_NAME=octo-app[bot]\n"
                + "GIT_COMMITTER_EMAIL="
                + email
                + "\n");
  }

  @Test
  void bot_askedAgain_isAnsweredFromTheCacheWithoutARequest() {
    String first = cli.run("bot").out();
    emulator.clearRequests();

    Cli.Result second = cli.run("bot");

    assertThat(second.out()).isEqualTo(first);
    assertThat(emulator.requests()).isEmpty();
  }

  @Test
  void bot_withAnInstallation_asksWithItsTokenAndOtherwiseAnonymously() {
    cli.run("bot", "--no-cache");
    RecordedRequest anonymous = userLookUp();
    emulator.clearRequests();

    Cli.Result result = cli.run("bot", "--owner", "octo-org", "--no-cache");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(anonymous.credential()).isEqualTo(CredentialKind.NONE);
    assertThat(userLookUp().credential()).isEqualTo(CredentialKind.INSTALLATION_TOKEN);
    assertThat(userLookUp().installationId()).isEqualTo(42L);
  }

  private RecordedRequest userLookUp() {
    return emulator.requests().stream()
        .filter(r -> r.path().startsWith("/users/"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void bot_ofAGitHubEnterpriseServer_usesItsNoReplyDomain() {
    assertThat(BotIdentity.emailDomain(URI.create("https://ghe.example.com/api/v3")))
        .isEqualTo("users.noreply.ghe.example.com");
    assertThat(BotIdentity.emailDomain(URI.create("https://api.github.com")))
        .isEqualTo("users.noreply.github.com");
  }
}
