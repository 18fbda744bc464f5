package io.github.ghapp.emulator;

import static io.github.ghapp.emulator.JwtAuthenticationTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The headers every GitHub answer carries, the API version check, and the generic answers. */
class ResponseHeadersTest {

  private static final Instant START = Instant.parse("2030-01-02T03:04:05Z");

  @RegisterExtension
  static final GitHubEmulatorExtension github =
      GitHubEmulatorExtension.demo().configure(b -> b.clock(Clock.fixed(START, ZoneOffset.UTC)));

  private Http api() {
    return Http.at(github.baseUrl());
  }

  @Test
  void everyAnswer_hasDateFromTheEmulatorsClock_aRequestId_andGitHubsContentType() {
    for (Http.Reply reply :
        new Http.Reply[] {
          api().get("/meta"),
          api().get("/no/such/route"),
          api().token("ghs_nothing").get("/installation/repositories")
        }) {
      assertThat(reply.header("Date")).isEqualTo("Wed, 02 Jan 2030 03:04:05 GMT");
      assertThat(reply.header("X-GitHub-Request-Id"))
          .matches("[0-9A-F]{4}:[0-9A-F]+:[0-9A-F]+:[0-9A-F]+:[0-9A-F]{8}");
      assertThat(reply.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
    }
  }

  @Test
  void requestIds_differFromRequestToRequest() {
    assertThat(api().get("/meta").header("X-GitHub-Request-Id"))
        .isNotEqualTo(api().get("/meta").header("X-GitHub-Request-Id"));
  }

  @Test
  void dateHeader_followsTheClockAndTheInjectedOffset() {
    github.emulator().clock().advance(Duration.ofDays(1));
    github.emulator().faults().clockOffset(Duration.ofMinutes(5));
    try {
      assertThat(api().get("/meta").header("Date")).isEqualTo("Thu, 03 Jan 2030 03:09:05 GMT");
    } finally {
      github.emulator().clock().set(START);
    }
  }

  @Test
  void apiVersion_supportedValues_areAcceptedAndEchoed() {
    assertThat(api().get("/meta").header("X-GitHub-Api-Version-Selected")).isEqualTo("2022-11-28");
    Http.Reply newer = api().header("X-GitHub-Api-Version", "2026-03-10").get("/meta");
    assertThat(newer.status()).isEqualTo(200);
    assertThat(newer.header("X-GitHub-Api-Version-Selected")).isEqualTo("2026-03-10");
    assertThat(api().header("X-GitHub-Api-Version", "2022-11-28").get("/meta").status())
        .isEqualTo(200);
  }

  @Test
  void apiVersion_unknownValue_isRefusedWithGitHubsMessage() {
    Http.Reply reply = api().header("X-GitHub-Api-Version", "v3").get("/meta");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.message())
        .startsWith(
            "The version you specified in the \"X-GitHub-API-Version\" request "
                + "header, \"v3\", is not a supported version.");
    assertThat(reply.message()).contains("\"2022-11-28\"", "\"2026-03-10\"");
  }

  @Test
  void unknownRoute_isNotFoundWithTheRestDocumentation() {
    Http.Reply reply = api().get("/definitely/not/a/route");

    assertRefused(reply, 404, "Not Found");
    assertThat(reply.json.get("documentation_url").asText())
        .isEqualTo("https://docs.github.com/rest");
  }

  @Test
  void meta_isAnswered_toAnyone() {
    Http.Reply reply = api().get("/meta");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json.get("verifiable_password_authentication").asBoolean()).isFalse();
    assertThat(reply.json.get("api").get(0).asText()).isEqualTo("127.0.0.1/32");
  }
}
