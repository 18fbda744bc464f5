package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the front door guarantees for every surface alike, beyond what the REST-only tests show:
 * injected faults reach GraphQL and Git too and are worded as each surface words its errors, API
 * answers carry the emulator's Date and GitHub's Server header, a request refused before its
 * credentials are checked is logged with the credential it presented, Git does not spend the
 * budget, and the admin API stays outside the door.
 */
class FrontDoorTest {

  private static final Instant START = Instant.parse("2030-01-02T03:04:05Z");

  @RegisterExtension
  static final GitHubEmulatorExtension github =
      GitHubEmulatorExtension.demo().configure(b -> b.clock(Clock.fixed(START, ZoneOffset.UTC)));

  private GitHubEmulator emu;
  private String token;

  @BeforeEach
  void mintAToken() {
    emu = github.emulator();
    token = Tokens.mint(emu, 42, "{}");
    emu.clearRequests();
  }

  private Http.Reply graphql() {
    return Http.at(emu.graphqlUrl())
        .bearer(token)
        .post("", "{\"query\": \"{ viewer { login } }\"}");
  }

  private Http.Reply gitInfoRefs() {
    String basic =
        Base64.getEncoder()
            .encodeToString(("x-access-token:" + token).getBytes(StandardCharsets.UTF_8));
    return Http.at(emu.gitUrl("octo-org", "hello-world"))
        .header("Authorization", "Basic " + basic)
        .get("/info/refs?service=git-upload-pack");
  }

  private Http admin() {
    return Http.admin(emu);
  }

  private static Duration timed(Supplier<Http.Reply> request) {
    long start = System.nanoTime();
    assertThat(request.get().status()).isEqualTo(200);
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Test
  void injectedDelay_holdsGraphqlAndGitRequests_asItHoldsRest() {
    emu.faults().delayNext(2, Duration.ofMillis(200));

    // Only lower bounds, which cannot flake: the server thread slept at least the delay.
    assertThat(timed(this::graphql)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    assertThat(timed(this::gitInfoRefs)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }

  @Test
  void injected5xx_isWordedAsEachSurfaceWordsItsErrors() {
    emu.faults().failNext(3, 502);

    Http.Reply rest = Http.at(emu.baseUrl()).token(token).get("/installation/repositories");
    Http.Reply graphql = graphql();
    Http.Reply git = gitInfoRefs();

    assertThat(rest.status()).isEqualTo(502);
    assertThat(rest.message()).isEqualTo("Server Error");
    assertThat(rest.json.get("documentation_url").asText())
        .isEqualTo("https://docs.github.com/rest");
    assertThat(graphql.status()).isEqualTo(502);
    assertThat(graphql.message()).isEqualTo("Server Error");
    assertThat(graphql.json.get("documentation_url").asText())
        .isEqualTo("https://docs.github.com/graphql");
    assertThat(git.status()).isEqualTo(502);
    assertThat(git.response.body()).isEqualTo("Server Error\n");
    assertThat(git.header("Content-Type")).startsWith("text/plain");
  }

  @Test
  void graphqlAndAdminAnswers_carryTheEmulatorsDate_andGitHubsServerHeader() {
    emu.faults().clockOffset(Duration.ofMinutes(5));

    for (Http.Reply reply : List.of(graphql(), admin().get("/_emulator/clock"))) {
      assertThat(reply.header("Date")).isEqualTo("Wed, 02 Jan 2030 03:09:05 GMT");
      assertThat(reply.header("Server")).isEqualTo("GitHub.com");
      assertThat(reply.header("X-GitHub-Request-Id")).isNotBlank();
    }
  }

  @Test
  void requestsRefusedBeforeTheirCredentialsAreChecked_areLoggedWithTheCredentialPresented() {
    Http.Reply graphqlGet = Http.at(emu.graphqlUrl()).bearer(token).get("");
    Http.Reply badVersion =
        Http.at(emu.baseUrl())
            .bearer(Tokens.jwt(emu, 1001))
            .header("X-GitHub-Api-Version", "v3")
            .get("/app");

    assertThat(graphqlGet.status()).isEqualTo(404);
    assertThat(badVersion.status()).isEqualTo(400);
    assertThat(emu.requests())
        .extracting(RecordedRequest::credential, RecordedRequest::installationId)
        .containsExactly(
            tuple(CredentialKind.INSTALLATION_TOKEN, null), tuple(CredentialKind.JWT, null));
  }

  @Test
  void gitRequests_doNotSpendTheRateLimit() {
    Http api = Http.at(emu.baseUrl()).token(token);
    String before = api.get("/rate_limit").json.at("/resources/core/remaining").asText();

    assertThat(gitInfoRefs().status()).isEqualTo(200);
    assertThat(gitInfoRefs().header("x-ratelimit-remaining")).isNull();

    assertThat(api.get("/rate_limit").json.at("/resources/core/remaining").asText())
        .isEqualTo(before);
  }

  @Test
  void adminApi_isNeitherFaultedNorLogged_soAPendingFaultWaitsForTheNextApiRequest() {
    emu.faults().failNext(1, 503);

    assertThat(admin().get("/_emulator/clock").status()).isEqualTo(200);
    assertThat(emu.requests()).isEmpty();
    assertThat(Http.at(emu.baseUrl()).get("/meta").status()).isEqualTo(503);
    assertThat(emu.requests()).extracting(RecordedRequest::status).containsExactly(503);
  }

  @Test
  void anUnknownPathUnderTheAdminPrefix_goesThroughTheDoor_asAnyUnknownRoute() {
    // Without the admin token: no route, so the REST door would take it for a bad credential.
    Http.Reply reply =
        Http.at(URI.create("http://127.0.0.1:" + emu.port())).get("/_emulator/no-such-thing");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.message()).isEqualTo("Not Found");
    assertThat(emu.requests())
        .extracting(RecordedRequest::path, RecordedRequest::status)
        .containsExactly(tuple("/_emulator/no-such-thing", 404));
  }
}
