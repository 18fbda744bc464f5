package io.github.ghapp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import io.github.ghapp.emulator.RecordedRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KeyRotationTest {
  @RegisterExtension
  static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo().freshPerTest();

  @Test
  void createToken_firstKeyUnknownToGitHub_triesTheNextKeyAndKeepsIt() {
    GitHubEmulator emu = github.emulator();
    GitHubApp app =
        GitHubApp.builder()
            .clientId(emu.app(1001).clientId())
            .privateKey(TestKeys.rsa().getPrivate())
            .addPrivateKey(emu.app(1001).privateKeyPem())
            .baseUrl(emu.baseUrl())
            .clock(emu.clock())
            .build();
    emu.clearRequests();

    app.createToken(42);
    app.createToken(42);

    assertThat(statuses(emu)).containsExactly(401, 201, 201);
  }

  @Test
  void createToken_oldKeyDeletedAtGitHub_movesToTheNewKey() {
    GitHubEmulator emu = github.emulator();
    String oldKey = emu.app(1001).privateKeyPem();
    String newKey = emu.app(1001).addKey();
    GitHubApp app =
        GitHubApp.builder()
            .clientId(emu.app(1001).clientId())
            .privateKey(oldKey)
            .addPrivateKey(newKey)
            .baseUrl(emu.baseUrl())
            .clock(emu.clock())
            .build();
    app.createToken(42);

    emu.app(1001).removeKey(oldKey);
    emu.clock().advance(java.time.Duration.ofMinutes(8)); // the next JWT is signed anew
    emu.clearRequests();
    app.createToken(42);

    assertThat(statuses(emu)).containsExactly(401, 201);
  }

  @Test
  void createToken_noKeyKnownToGitHub_isBadJwtNamingEveryKeyTried() {
    GitHubEmulator emu = github.emulator();
    GitHubApp app =
        GitHubApp.builder()
            .clientId(emu.app(1001).clientId())
            .privateKey(TestKeys.rsa().getPrivate())
            .addPrivateKey(TestKeys.rsa().getPrivate())
            .baseUrl(emu.baseUrl())
            .clock(emu.clock())
            .build();

    assertThatThrownBy(() -> app.createToken(42))
        .isInstanceOf(BadJwtException.class)
        .hasMessageContaining("Keys tried")
        .satisfies(e -> assertThat(e.getMessage().split("SHA256:", -1)).hasSize(3));
  }

  private static List<Integer> statuses(GitHubEmulator emu) {
    return emu.requests().stream().map(RecordedRequest::status).toList();
  }
}
