package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /app/installations} pages like GitHub: per_page up to 100, a Link header with GitHub's
 * rels.
 */
class InstallationPaginationTest {

  @RegisterExtension
  static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo().freshPerTest();

  private Http app() {
    return Http.at(github.baseUrl()).bearer(Tokens.jwt(github.emulator(), 1001));
  }

  @Test
  void listInstallations_paginates_withGitHubsLinkHeader() {
    GitHubEmulator emu = github.emulator();
    for (int i = 1; i <= 5; i++) {
      emu.createAccount("customer-" + i, "Organization");
      emu.createInstallation(1001, "customer-" + i);
    }
    String base = github.baseUrl() + "/app/installations";

    Http.Reply first = app().get("/app/installations?per_page=2");
    assertThat(first.json).hasSize(2);
    assertThat(first.header("Link"))
        .isEqualTo(
            "<"
                + base
                + "?per_page=2&page=2>; rel=\"next\", <"
                + base
                + "?per_page=2&page=4>; rel=\"last\"");

    Http.Reply middle = app().get("/app/installations?per_page=2&page=2");
    assertThat(middle.header("Link"))
        .isEqualTo(
            "<"
                + base
                + "?per_page=2&page=1>; rel=\"prev\", <"
                + base
                + "?per_page=2&page=3>; rel=\"next\", <"
                + base
                + "?per_page=2&page=4>; rel=\"last\", <"
                + base
                + "?per_page=2&page=1>; rel=\"first\"");

    Http.Reply last = app().get("/app/installations?per_page=2&page=4");
    assertThat(last.json).hasSize(1);
    assertThat(last.header("Link"))
        .isEqualTo(
            "<"
                + base
                + "?per_page=2&page=3>; rel=\"prev\", <"
                + base
                + "?per_page=2&page=1>; rel=\"first\"");
  }

  @Test
  void listInstallations_perPageAbove100_isCappedAt100() {
    GitHubEmulator emu = github.emulator();
    for (int i = 1; i <= 101; i++) {
      emu.createAccount("many-" + i, "User");
      emu.createInstallation(1001, "many-" + i);
    }

    Http.Reply reply = app().get("/app/installations?per_page=500");

    assertThat(reply.json).hasSize(100);
    assertThat(reply.header("Link")).contains("page=2>; rel=\"next\"");
  }

  @Test
  void listInstallations_since_keepsOnlyInstallationsUpdatedSinceThen() {
    GitHubEmulator emu = github.emulator();
    emu.clock().advance(Duration.ofDays(1));
    String since = emu.clock().instant().toString();
    emu.createAccount("newcomer", "User");
    emu.createInstallation(1001, "newcomer");

    Http.Reply reply = app().get("/app/installations?since=" + since);

    assertThat(reply.json.findValues("account"))
        .extracting(a -> a.get("login").asText())
        .containsExactly("newcomer");
  }

  @Test
  void installationRepositories_paginate_withTheSameLinkRules() {
    GitHubEmulator emu = github.emulator();
    for (int i = 1; i <= 4; i++) {
      emu.createRepository("octocat", "extra-" + i, true);
    }
    String token = Tokens.mint(emu, 43, "{}");

    Http.Reply reply =
        Http.at(emu.baseUrl()).token(token).get("/installation/repositories?per_page=2&page=2");

    assertThat(reply.json.get("total_count").asInt()).isEqualTo(5);
    assertThat(reply.json.get("repositories")).hasSize(2);
    assertThat(reply.header("Link"))
        .contains("rel=\"prev\"", "rel=\"next\"", "page=3>; rel=\"last\"");
  }
}
