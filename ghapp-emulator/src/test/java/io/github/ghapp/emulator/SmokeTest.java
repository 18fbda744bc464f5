package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmokeTest {

    @Test
    void start_demoState_mintsATokenThatListsItsRepositories() {
        try (GitHubEmulator emu = GitHubEmulator.builder().demoState().build().start()) {
            String jwt = Jwts.forApp(emu.app(1001).privateKeyPem(), 1001, emu.clock().instant());
            Http.Reply app = Http.at(emu.baseUrl()).bearer(jwt).get("/app");
            assertThat(app.status()).as(app.toString()).isEqualTo(200);
            Http.Reply minted = Http.at(emu.baseUrl()).bearer(jwt).post("/app/installations/42/access_tokens", "{}");
            assertThat(minted.status()).as(minted.toString()).isEqualTo(201);
            String token = minted.json.get("token").asText();
            Http.Reply repos = Http.at(emu.baseUrl()).token(token).get("/installation/repositories");
            assertThat(repos.status()).as(repos.toString()).isEqualTo(200);
        }
    }
}
