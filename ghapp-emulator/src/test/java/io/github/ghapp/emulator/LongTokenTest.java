package io.github.ghapp.emulator;

import static io.github.ghapp.emulator.JwtAuthenticationTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The 2026 long, stateless format: {@code ghs_<app id>_<JWT>}, about 520 characters. */
class LongTokenTest {

  @RegisterExtension
  static final GitHubEmulatorExtension github =
      GitHubEmulatorExtension.demo().configure(b -> b.longTokens(true));

  @Test
  void mint_withLongTokens_issuesGhsAppIdUnderscoreJwt() {
    String token = Tokens.mint(github.emulator(), 42, "{}");

    assertThat(token).startsWith("ghs_1001_");
    assertThat(token.length()).isBetween(450, 600);
    assertThat(token.substring("ghs_1001_".length()).split("\\.")).hasSize(3);
  }

  @Test
  void longToken_worksAsBearerAndTokenAndCanBeRevoked() {
    String token = Tokens.mint(github.emulator(), 42, "{}");
    Http api = Http.at(github.baseUrl());

    assertThat(api.bearer(token).get("/installation/repositories").status()).isEqualTo(200);
    assertThat(api.token(token).get("/installation/repositories").status()).isEqualTo(200);
    assertThat(api.token(token).delete("/installation/token").status()).isEqualTo(204);
    assertRefused(api.token(token).get("/installation/repositories"), 401, "Bad credentials");
  }

  @Test
  void longToken_onAJwtRoute_couldNotBeDecoded() {
    String token = Tokens.mint(github.emulator(), 42, "{}");

    assertRefused(
        Http.at(github.baseUrl()).bearer(token).get("/app"),
        401,
        "A JSON web token could not be decoded");
  }
}
