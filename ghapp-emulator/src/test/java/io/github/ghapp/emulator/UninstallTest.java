package io.github.ghapp.emulator;

import static io.github.ghapp.emulator.JwtAuthenticationTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code deleteInstallation}: the app uninstalled from an account, as its owner can on GitHub. */
class UninstallTest {

  @RegisterExtension
  static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo().freshPerTest();

  @Test
  void deleteInstallation_refusesItsTokensAndMints_andAnotherInstallGetsANewId() {
    GitHubEmulator emu = github.emulator();
    String token = Tokens.mint(emu, 43, "{}");
    Http app = Http.at(emu.baseUrl()).bearer(Tokens.jwt(emu, 1001));

    emu.deleteInstallation(43);

    assertRefused(
        Http.at(emu.baseUrl()).token(token).get("/installation/repositories"),
        401,
        "Bad credentials");
    assertRefused(Tokens.mintReply(emu, 43, "{}"), 404, "Not Found");
    assertRefused(app.get("/users/octocat/installation"), 404, "Not Found");
    long again = emu.createInstallation(1001, "octocat");
    assertThat(again).isNotEqualTo(43);
    assertThat(app.get("/users/octocat/installation").json.get("id").asLong()).isEqualTo(again);
  }
}
