package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jetty's refusals over raw sockets: each is GitHub's JSON error shape, never an HTML page, and
 * slow clients cannot hold every server thread.
 */
class ProtocolErrorsTest {

  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  private int port;

  @BeforeEach
  void setUp() {
    port = github.emulator().port();
  }

  private RawHttp.Answer get(String target, String... extraHeaders) {
    try (RawHttp http = RawHttp.connect(port)) {
      List<String> lines = new ArrayList<>();
      lines.add("GET " + target + " HTTP/1.1");
      lines.add("Host: 127.0.0.1:" + port);
      lines.addAll(List.of(extraHeaders));
      return http.head(lines.toArray(String[]::new)).answer();
    }
  }

  private static void assertGitHubShaped(RawHttp.Answer answer, int status) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.contentType()).as(answer.body()).startsWith("application/json");
    assertThat(answer.json().path("status").asText()).isEqualTo(Integer.toString(status));
    assertThat(answer.json().path("message").asText()).isNotBlank();
    assertThat(answer.json().path("documentation_url").asText())
        .startsWith("https://docs.github.com");
  }

  @Test
  void headersOver8KB_are431InGitHubsJsonShape() {
    // Regression (security review #9): Jetty's HTML page; a JWT with 6 KB of claims gets here.
    assertGitHubShaped(get("/meta", "Authorization: Bearer " + "a".repeat(9000)), 431);
  }

  @Test
  void uriOver8KB_is414InGitHubsJsonShape() {
    // Regression (security review #9).
    assertGitHubShaped(get("/repos/" + "a".repeat(9000)), 414);
  }

  @Test
  void ambiguousUris_are400InGitHubsJsonShape() {
    // Regression (security review #9). An encoded slash is not refused: see EncodedSlashTest.
    assertGitHubShaped(get("/repos/octo-org/%2e%2e/hello-world"), 400);
    assertGitHubShaped(get("/repos/octo-org/hello-world/contents/..;/b"), 400);
  }

  @Test
  void malformedRequestLine_is400InGitHubsJsonShape() {
    assertGitHubShaped(get("/meta HTTP/1.1 extra"), 400);
  }

  private RawHttp slowBody() {
    return RawHttp.connect(port)
        .head(
            "POST /_emulator/apps HTTP/1.1",
            "Host: 127.0.0.1:" + port,
            "Content-Type: application/json",
            "Authorization: Bearer " + github.emulator().adminToken(),
            "Content-Length: 1000")
        .write(new byte[] {'{'});
  }

  @Test
  void manySlowBodies_doNotStopTheEmulatorAnswering() {
    // Regression (security review #9): 70 connections trickling bodies held all 64 threads.
    List<RawHttp> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 100; i++) {
        slow.add(slowBody());
      }
      try (RawHttp probe = RawHttp.connect(port, java.time.Duration.ofSeconds(5))) {
        RawHttp.Answer answer =
            probe.head("GET /meta HTTP/1.1", "Host: 127.0.0.1:" + port).answer();
        assertThat(answer.status()).isEqualTo(200);
      }
    } finally {
      slow.forEach(RawHttp::close);
    }
  }
}
