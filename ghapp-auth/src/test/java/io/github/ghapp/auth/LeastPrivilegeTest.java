package io.github.ghapp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ghapp.emulator.GitHubEmulatorExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The library and the emulator's permission gate together, both reading GitHub's table: a token
 * minted for some endpoints calls exactly those and is refused the next with GitHub's header, which
 * the exception and the recorder read.
 */
class LeastPrivilegeTest {
  private static final Map<String, String> HELLO_WORLD =
      Map.of("owner", "octo-org", "repo", "hello-world");

  @RegisterExtension
  static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo().freshPerTest();

  @Test
  void tokenFromEndpoints_callsThoseAndIsRefusedTheNextWithWhatItNeeds() {
    GitHubApp app = EmulatorApps.builder(github.emulator()).build();
    TokenRequest request =
        EndpointPermissions.githubCom()
            .tokenRequest("GET /repos/{owner}/{repo}/issues", "GET /repos/{owner}/{repo}")
            .repositories("hello-world")
            .build();
    GitHubClient gh = app.installationClient(EmulatorApps.ORG_INSTALLATION, request);

    assertThat(gh.request("GET /repos/{owner}/{repo}/issues", HELLO_WORLD).isArray()).isTrue();
    assertThat(gh.request("GET /repos/{owner}/{repo}", HELLO_WORLD).path("name").asText())
        .isEqualTo("hello-world");
    assertThatThrownBy(
            () ->
                gh.request(
                    "POST /repos/{owner}/{repo}/issues",
                    Map.of("owner", "octo-org", "repo", "hello-world", "title", "t")))
        .isInstanceOfSatisfying(
            ResourceNotAccessibleException.class,
            e -> {
              assertThat(e.acceptedPermissions())
                  .containsExactly(PermissionSet.parse("issues=write"));
              assertThat(e.tokenPermissions()).containsEntry("issues", "read");
            })
        .hasMessageContaining("The operation needs issues=write (this token has issues=read)");
  }

  @Test
  void recorder_readsTheAcceptedSetsTheEmulatorSends() {
    PermissionRecorder recorder = new PermissionRecorder();
    GitHubClient gh =
        EmulatorApps.builder(github.emulator())
            .listener(recorder)
            .build()
            .installationClient(EmulatorApps.ORG_INSTALLATION);

    gh.request("GET /repos/{owner}/{repo}/issues", HELLO_WORLD);

    assertThat(recorder.acceptedPermissions())
        .containsExactly(
            Map.entry(
                "GET /repos/{owner}/{repo}/issues", List.of(PermissionSet.parse("issues=read"))));
    github.assertPermissionsUsedWithin(
        EmulatorApps.ORG_INSTALLATION, recorder.leastPermissions().levels());
  }
}
