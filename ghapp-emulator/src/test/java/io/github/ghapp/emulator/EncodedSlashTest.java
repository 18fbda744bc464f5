package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Octokit writes the {@code /} inside {@code {path}} and {@code {ref}} as {@code %2F}, and GitHub
 * accepts it: the server lets such a path through to the routes (no HTML 400 from Jetty), which
 * decode it inside its parameter. Raw HTTP, because clients normalise what they send.
 */
class EncodedSlashTest {

  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  private RawHttp.Answer get(String target) {
    int port = github.emulator().port();
    try (RawHttp http = RawHttp.connect(port)) {
      return http.head(
              "GET " + target + " HTTP/1.1",
              "Host: 127.0.0.1:" + port,
              "Authorization: token " + Tokens.mint(github.emulator(), 43, "{}"),
              "Connection: close")
          .answer();
    }
  }

  @Test
  void anEncodedSlashInARef_reachesItsRoute() {
    RawHttp.Answer answer = get("/repos/octocat/spoon-knife/compare/main...heads%2Fmain");

    assertThat(answer.status()).as(answer.body()).isEqualTo(501);
    assertThat(answer.contentType()).startsWith("application/json");
    assertThat(answer.json().path("message").asText())
        .contains("GET /repos/{owner}/{repo}/compare/{basehead}");
  }

  @Test
  void aTrailingPathWithRawSlashes_reachesItsRoute() {
    RawHttp.Answer answer = get("/repos/octocat/spoon-knife/tarball/heads/main");

    assertThat(answer.status()).as(answer.body()).isEqualTo(501);
    assertThat(answer.json().path("message").asText())
        .contains("GET /repos/{owner}/{repo}/tarball/{ref}");
  }

  @Test
  void anEncodedSlashInAnUnknownPath_isGitHubsJson404() {
    RawHttp.Answer answer = get("/no%2Fsuch/route");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.contentType()).startsWith("application/json");
  }
}
