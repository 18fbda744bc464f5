package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests no real client sends, answered as GitHub answers errors (JSON, never Jetty's HTML) and
 * without letting one client take the emulator's memory or threads.
 */
class RequestLimitsTest {

  private static final int MIB = 1024 * 1024;

  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  private GitHubEmulator emu;

  @BeforeEach
  void setUp() {
    emu = github.emulator();
  }

  private RawHttp.Answer postDeclaring(String path, long contentLength, String authorization) {
    try (RawHttp http = RawHttp.connect(emu.port())) {
      return http.head(
              "POST " + path + " HTTP/1.1",
              "Host: 127.0.0.1:" + emu.port(),
              "Content-Type: application/json",
              "Authorization: " + authorization,
              "Content-Length: " + contentLength)
          .answer();
    }
  }

  private static void assertTooLarge(RawHttp.Answer answer) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(413);
    assertThat(answer.contentType()).startsWith("application/json");
    assertThat(answer.json().path("message").asText()).contains("at most 10 MiB");
    assertThat(answer.json().path("status").asText()).isEqualTo("413");
  }

  @Test
  void hugeDeclaredBody_isRefusedWith413BeforeItIsRead_onRestGraphqlAndTheAdminApi() {
    // Regression (security review #8): every body was read whole, so a few 100 MB bodies took the
    // heap. Nothing of these bodies is ever sent: the answer must come from the declared length.
    String token = Tokens.mint(emu, 42, "{}");
    assertTooLarge(
        postDeclaring("/repos/octo-org/hello-world/issues", 100L * MIB, "Bearer " + token));
    assertTooLarge(postDeclaring("/graphql", 100L * MIB, "Bearer " + token));
    assertTooLarge(postDeclaring("/_emulator/apps", 100L * MIB, "Bearer " + emu.adminToken()));
  }

  @Test
  void chunkedBodyPastTheCap_isRefusedWith413_withoutReadingTheRest() throws Exception {
    // Regression (security review #8): a body without a length is read only up to the cap.
    try (RawHttp http = RawHttp.connect(emu.port())) {
      http.head(
          "POST /_emulator/apps HTTP/1.1",
          "Host: 127.0.0.1:" + emu.port(),
          "Content-Type: application/json",
          "Authorization: Bearer " + emu.adminToken(),
          "Transfer-Encoding: chunked");
      byte[] chunk = new byte[MIB];
      java.util.Arrays.fill(chunk, (byte) 'a');
      byte[] size = (Integer.toHexString(MIB) + "\r\n").getBytes();
      byte[] end = "\r\n".getBytes();
      for (int i = 0; i <= 10; i++) {
        http.write(size).write(chunk).write(end);
      }
      assertTooLarge(http.answer());
    }
  }

  @Test
  void oversizeBodySentWholeBeforeReading_reads413WithConnectionCloseThenAGracefulClose()
      throws Exception {
    // Regression (security review #14, the emulator's side): the 413 went out, then the connection
    // was closed with the body unread, so TCP reset it before a client that sends its whole body
    // first could read the answer.
    String token = Tokens.mint(emu, 42, "{}");
    byte[] body = new byte[12 * MIB];
    java.util.Arrays.fill(body, (byte) 'a');
    for (int round = 0; round < 3; round++) {
      try (RawHttp http = RawHttp.connect(emu.port())) {
        http.head(
                "POST /repos/octo-org/hello-world/issues HTTP/1.1",
                "Host: 127.0.0.1:" + emu.port(),
                "Content-Type: application/json",
                "Authorization: Bearer " + token,
                "Content-Length: " + body.length)
            .write(body);

        RawHttp.Answer answer = http.answer();

        assertTooLarge(answer);
        assertThat(answer.headers()).containsEntry("connection", "close");
        assertThat(http.readAfterAnswer()).as("end of stream, not a reset").isEqualTo(-1);
      }
    }
  }

  @Test
  void chunkedOversizeBodySentWhole_reads413WithConnectionClose() throws Exception {
    try (RawHttp http = RawHttp.connect(emu.port())) {
      http.head(
          "POST /_emulator/apps HTTP/1.1",
          "Host: 127.0.0.1:" + emu.port(),
          "Content-Type: application/json",
          "Authorization: Bearer " + emu.adminToken(),
          "Transfer-Encoding: chunked");
      byte[] chunk = new byte[MIB];
      java.util.Arrays.fill(chunk, (byte) 'a');
      byte[] size = (Integer.toHexString(MIB) + "\r\n").getBytes();
      byte[] end = "\r\n".getBytes();
      for (int i = 0; i < 12; i++) {
        http.write(size).write(chunk).write(end);
      }
      http.write("0\r\n\r\n".getBytes());

      RawHttp.Answer answer = http.answer();

      assertTooLarge(answer);
      assertThat(answer.headers()).containsEntry("connection", "close");
      assertThat(http.readAfterAnswer()).as("end of stream, not a reset").isEqualTo(-1);
    }
  }

  @Test
  void bodyUnderTheCap_isStillServed() {
    Http.Reply reply =
        Http.admin(emu)
            .post(
                "/_emulator/apps",
                "{\"slug\":\"big-app\",\"description\":\"" + "a".repeat(MIB) + "\"}");
    assertThat(reply.status()).as(reply.toString()).isIn(201, 422);
  }
}
