package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;

/** Minting through the real HTTP route, for tests that need a token. */
final class Tokens {

  private Tokens() {}

  static String jwt(GitHubEmulator emulator, long appId) {
    return Jwts.forApp(emulator.app(appId).privateKeyPem(), appId, emulator.clock().instant());
  }

  static Http.Reply mintReply(GitHubEmulator emulator, long installationId, String body) {
    return Http.at(emulator.baseUrl())
        .bearer(jwt(emulator, 1001))
        .post("/app/installations/" + installationId + "/access_tokens", body);
  }

  static Http.Reply mintReplyFor(GitHubEmulator emulator, long appId, long installationId) {
    return Http.at(emulator.baseUrl())
        .bearer(jwt(emulator, appId))
        .post("/app/installations/" + installationId + "/access_tokens", "{}");
  }

  /**
   * Mints with app 1001's key and returns the token; fails the test unless GitHub would answer 201.
   */
  static String mint(GitHubEmulator emulator, long installationId, String body) {
    Http.Reply reply = mintReply(emulator, installationId, body);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json.get("token").asText();
  }
}
