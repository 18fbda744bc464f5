package io.github.ghapp.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PermissionRecorderTest {
  private static final Map<String, String> HELLO_WORLD =
      Map.of("owner", "octo-org", "repo", "hello-world");

  @RegisterExtension
  static final GitHubEmulatorExtension EMULATOR = GitHubEmulatorExtension.demo().freshPerTest();

  @Test
  void leastPermissions_afterAScriptedSession_isTheHandComputedLeastSet() {
    GitHubEmulator emu = EMULATOR.emulator();
    PermissionRecorder recorder = new PermissionRecorder();
    GitHubApp app = EmulatorApps.builder(emu).listener(recorder).build();
    GitHubClient gh = app.installationClient(EmulatorApps.ORG_INSTALLATION);

    gh.request("GET /repos/{owner}/{repo}", HELLO_WORLD); // metadata=read
    gh.request("GET /repos/{owner}/{repo}/issues", HELLO_WORLD); // issues=read
    gh.request(
        "POST /repos/{owner}/{repo}/issues",
        Map.of("owner", "octo-org", "repo", "hello-world", "title", "t"));
    gh.request("GET /repos/octo-org/hello-world/issues/1"); // written as a concrete path
    gh.request("GET /installation/repositories"); // needs no permission

    assertThat(recorder.endpoints())
        .containsExactly(
            "GET /installation/repositories",
            "GET /repos/{owner}/{repo}",
            "GET /repos/{owner}/{repo}/issues",
            "GET /repos/{owner}/{repo}/issues/{issue_number}",
            "POST /repos/{owner}/{repo}/issues");
    assertThat(recorder.unlistedEndpoints())
        .containsExactly("POST /app/installations/{installation_id}/access_tokens");
    assertThat(recorder.leastPermissions()).isEqualTo(PermissionSet.parse("issues=write"));
    assertThat(recorder.manifestPermissions())
        .containsExactly(Map.entry("issues", "write"), Map.entry("metadata", "read"));
  }

  @Test
  void leastPermissions_whereGitHubNamedTheAcceptedSets_followsThemOverTheTable() {
    PermissionRecorder recorder = new PermissionRecorder();
    recorder.requestCompleted(
        "PUT", "/repos/{owner}/{repo}/contents/{path}", 200, java.time.Duration.ZERO);
    assertThat(recorder.leastPermissions()).hasToString("contents=write,workflows=write");

    recorder.acceptedPermissionsReported(
        "PUT", "/repos/o/r/contents/README.md", List.of(PermissionSet.parse("contents=write")));

    assertThat(recorder.leastPermissions()).hasToString("contents=write");
  }

  @Test
  void tokenRequest_fromWhatWasRecorded_canCallTheSameEndpointsAgain() {
    GitHubEmulator emu = EMULATOR.emulator();
    PermissionRecorder recorder = new PermissionRecorder();
    GitHubApp app = EmulatorApps.builder(emu).listener(recorder).build();
    app.installationClient(EmulatorApps.ORG_INSTALLATION)
        .request("GET /repos/{owner}/{repo}/issues", HELLO_WORLD);

    TokenRequest narrowed = recorder.tokenRequest().repositories("hello-world").build();
    GitHubClient again = app.installationClient(EmulatorApps.ORG_INSTALLATION, narrowed);

    assertThat(narrowed.permissions()).containsExactly(Map.entry("issues", "read"));
    assertThat(again.request("GET /repos/{owner}/{repo}/issues", HELLO_WORLD).isArray()).isTrue();
  }
}
