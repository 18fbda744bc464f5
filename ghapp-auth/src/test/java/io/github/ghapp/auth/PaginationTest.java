package io.github.ghapp.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import io.github.ghapp.emulator.RecordedRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Lists longer than a page, followed through GitHub's Link headers. */
class PaginationTest {
  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  @Test
  void list_overSeveralPages_followsLinkHeadersToTheLastPage() {
    for (int i = 0; i < 120; i++) {
      github.emulator().createAccount("org-" + i, "Organization");
      github.emulator().createInstallation(1001, "org-" + i);
    }
    github.emulator().clearRequests();

    List<Installation> all = EmulatorApps.app(github.emulator()).installations().list();

    assertThat(all).hasSize(122);
    assertThat(all).extracting(Installation::id).doesNotHaveDuplicates();
    assertThat(github.emulator().requests())
        .extracting(RecordedRequest::path)
        .containsExactly("/app/installations", "/app/installations");
  }

  @Test
  void paginate_overSeveralPages_returnsEveryItemOnce() {
    GitHubEmulator emu = github.emulator();
    for (int i = 0; i < 130; i++) {
      emu.createRepository("octocat", "repo-" + i, true);
    }
    GitHubClient gh = EmulatorApps.app(emu).installationClient(43);
    emu.clearRequests();

    var repos = gh.paginate("GET /installation/repositories", Map.of("per_page", 50));

    assertThat(repos).hasSize(131);
    assertThat(repos.stream().map(r -> r.path("id").asLong())).doesNotHaveDuplicates();
    assertThat(emu.requests())
        .filteredOn(r -> r.path().equals("/installation/repositories"))
        .hasSize(3);
  }
}
