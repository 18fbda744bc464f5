package io.github.ghapp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ghapp.emulator.GitHubEmulatorExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InstallationsTest {
  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  @BeforeEach
  void resetEmulator() {
    github.emulator().faults().clear();
    github.emulator().clearRequests();
  }

  @Test
  void forRepository_installedRepository_findsTheOrganizationsInstallation() {
    Installation inst =
        EmulatorApps.app(github.emulator())
            .installations()
            .forRepository("octo-org", "hello-world");

    assertThat(inst.id()).isEqualTo(42);
    assertThat(inst.account()).isEqualTo("octo-org");
    assertThat(inst.accountType()).isEqualTo("Organization");
    assertThat(inst.appId()).isEqualTo(1001);
    assertThat(inst.repositorySelection()).isEqualTo("selected");
    assertThat(inst.permissions())
        .containsEntry("issues", "write")
        .containsEntry("contents", "read");
    assertThat(inst.isSuspended()).isFalse();
  }

  @Test
  void forOrganization_findsIt() {
    assertThat(EmulatorApps.app(github.emulator()).installations().forOrganization("octo-org").id())
        .isEqualTo(42);
  }

  @Test
  void forUser_findsIt() {
    Installation inst = EmulatorApps.app(github.emulator()).installations().forUser("octocat");

    assertThat(inst.id()).isEqualTo(43);
    assertThat(inst.accountType()).isEqualTo("User");
    assertThat(inst.repositorySelection()).isEqualTo("all");
  }

  @Test
  void byId_findsIt() {
    assertThat(EmulatorApps.app(github.emulator()).installations().byId(43).account())
        .isEqualTo("octocat");
  }

  @Test
  void list_findsEveryInstallation() {
    assertThat(EmulatorApps.app(github.emulator()).installations().list())
        .extracting(Installation::id)
        .containsExactlyInAnyOrder(42L, 43L);
  }

  @Test
  void forRepository_whereTheAppIsNotInstalled_saysSoAndHowToFixIt() {
    assertThatThrownBy(
            () ->
                EmulatorApps.app(github.emulator())
                    .installations()
                    .forRepository("octo-org", "no-such-repo"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("not installed on repository octo-org/no-such-repo")
        .hasMessageContaining("GET /app/installations")
        .satisfies(e -> assertThat(((GitHubException) e).status()).isEqualTo(404))
        .satisfies(e -> assertThat(((GitHubException) e).requestId()).isNotBlank());
  }

  @Test
  void lookUp_withAnUnknownAppId_isIntegrationNotFound() {
    GitHubApp wrong =
        GitHubApp.builder()
            .appId(999_999)
            .privateKey(github.emulator().app(1001).privateKeyPem())
            .baseUrl(github.baseUrl())
            .clock(github.emulator().clock())
            .build();

    assertThatThrownBy(() -> wrong.installations().byId(42))
        .isInstanceOf(IntegrationNotFoundException.class)
        .hasMessageContaining("app ID or client ID")
        .hasMessageNotContaining("builder()");
  }

  @Test
  void lookUp_withAKeyOfAnotherApp_isBadJwtNamingTheKeyFingerprint() {
    GitHubApp wrong =
        GitHubApp.builder()
            .clientId(github.emulator().app(1001).clientId())
            .privateKey(TestKeys.rsa().getPrivate())
            .baseUrl(github.baseUrl())
            .clock(github.emulator().clock())
            .build();

    assertThatThrownBy(() -> wrong.installations().byId(42))
        .isInstanceOf(BadJwtException.class)
        .hasMessageContaining("does not belong to this app")
        .hasMessageContaining("SHA256:");
  }

  @Test
  void byId_suspendedInstallation_isStillFoundAndMarkedSuspended() {
    github.emulator().suspend(43);
    try {
      Installation inst = EmulatorApps.app(github.emulator()).installations().byId(43);

      assertThat(inst.isSuspended()).isTrue();
      assertThat(inst.suspendedAt()).isNotNull();
    } finally {
      github.emulator().unsuspend(43);
    }
  }
}
