package io.github.ghapp.emulator;

import static io.github.ghapp.emulator.JwtAuthenticationTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /users/{username}}: accounts and the apps' bot users, as GitHub answers them. */
class UsersTest {

  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  private static Http anonymous() {
    return Http.at(github.baseUrl());
  }

  @Test
  void getUser_ofAnAppsBotUser_isABotWithAnIdOfItsOwn() {
    Http.Reply reply = anonymous().get("/users/octo-app%5Bbot%5D");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    JsonNode bot = reply.json;
    assertThat(bot.get("login").asText()).isEqualTo("octo-app[bot]");
    assertThat(bot.get("type").asText()).isEqualTo("Bot");
    assertThat(bot.get("id").asLong())
        .isEqualTo(github.emulator().app(1001).botUserId())
        .isNotEqualTo(1001);
    assertThat(bot.get("url").asText()).endsWith("/users/octo-app%5Bbot%5D");
    assertThat(bot.get("html_url").asText()).endsWith("/apps/octo-app");
    assertThat(bot.get("email").isNull()).isTrue();
  }

  @Test
  void getUser_ofABot_isTheSameWithAnInstallationTokenAndAnyCase() {
    Http withToken = anonymous().token(Tokens.mint(github.emulator(), 42, "{}"));

    JsonNode bot = withToken.get("/users/Octo-App%5BBot%5D").json;

    assertThat(bot.get("id").asLong()).isEqualTo(github.emulator().app(1001).botUserId());
    assertThat(bot.get("login").asText()).isEqualTo("octo-app[bot]");
  }

  @Test
  void getUser_ofEachApp_givesEachBotItsOwnStableId() {
    GitHubEmulator emu = github.emulator();
    EmulatedApp other = emu.createApp(0, "users-other", Map.of("issues", "read"), List.of());

    long first = anonymous().get("/users/users-other%5Bbot%5D").json.get("id").asLong();

    assertThat(first)
        .isEqualTo(other.botUserId())
        .isNotEqualTo(emu.app(1001).botUserId())
        .isNotEqualTo(other.id());
    assertThat(anonymous().get("/users/users-other%5Bbot%5D").json.get("id").asLong())
        .isEqualTo(first);
  }

  @Test
  void getUser_ofAnAccount_answersItsPublicProfile() {
    JsonNode org = anonymous().get("/users/octo-org").json;
    JsonNode user = anonymous().get("/users/OCTOCAT").json;

    assertThat(org.get("type").asText()).isEqualTo("Organization");
    assertThat(org.get("login").asText()).isEqualTo("octo-org");
    assertThat(user.get("type").asText()).isEqualTo("User");
    assertThat(user.get("login").asText()).isEqualTo("octocat");
    assertThat(user.get("id").asLong()).isNotEqualTo(org.get("id").asLong());
  }

  @Test
  void getUser_ofNobody_isGitHubsNotFound() {
    assertRefused(anonymous().get("/users/nobody"), 404, "Not Found");
    assertRefused(anonymous().get("/users/nobody%5Bbot%5D"), 404, "Not Found");
    assertRefused(anonymous().get("/users/octo-app"), 404, "Not Found");
    assertThat(anonymous().get("/users/nobody").json.get("documentation_url").asText())
        .isEqualTo("https://docs.github.com/rest/users/users#get-a-user");
  }
}
