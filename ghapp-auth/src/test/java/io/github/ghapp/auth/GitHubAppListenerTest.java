package io.github.ghapp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ghapp.auth.GitHubAppListener.RateLimit;
import io.github.ghapp.emulator.EmulatorClock;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import io.github.ghapp.emulator.RecordedRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a {@link GitHubAppListener} hears from an app working against the emulator: mints, every
 * request's end with the route as written, every retry with its cause, and the rate limits GitHub
 * reports. The emulator's clock stands still unless a test moves it, so expiries are known to the
 * second.
 */
class GitHubAppListenerTest {
  private static final Instant START = Instant.parse("2025-03-01T09:00:00Z");
  private static final String MINT = "POST /app/installations/{installation_id}/access_tokens";
  private static final Map<String, String> HELLO_WORLD =
      Map.of("owner", "octo-org", "repo", "hello-world");

  @RegisterExtension
  static final GitHubEmulatorExtension github =
      GitHubEmulatorExtension.demo().configure(b -> b.clock(EmulatorClock.stoppedAt(START)));

  private final RecordingListener heard = new RecordingListener();
  private GitHubEmulator emu;

  /** When the test starts: tests move the shared clock, so each reads where it stands. */
  private Instant now;

  @BeforeEach
  void forgetEarlierRequests() {
    emu = github.emulator();
    emu.clearRequests();
    now = emu.clock().instant();
  }

  /** The demo app, heard, with millisecond backoffs. */
  private GitHubAppBuilder app() {
    return EmulatorApps.builder(emu)
        .retryBackoff(Duration.ofMillis(5))
        .deadline(Duration.ofSeconds(20))
        .listener(heard);
  }

  @Test
  void createToken_reportsTheMintAfterItsRequest() {
    InstallationToken token = app().build().createToken(42);

    assertThat(token.expiresAt()).isEqualTo(now.plus(Duration.ofHours(1)));
    assertThat(heard.events())
        .containsExactly(
            "rateLimit core 0",
            "completed " + MINT + " 201",
            "minted 42 expiring " + token.expiresAt());
    assertThat(heard.durations())
        .allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ZERO));
  }

  @Test
  void installationClient_firstRequestWaitsForTheRefreshThenTheTokenIsFresh() {
    GitHubClient gh = app().build().installationClient(42);
    String expiring = " expiring " + now.plus(Duration.ofHours(1));

    gh.request("GET /repos/{owner}/{repo}", HELLO_WORLD);
    gh.request("GET /repos/{owner}/{repo}", HELLO_WORLD);

    assertThat(heard.events())
        .containsExactly(
            "refreshStarted 42",
            "rateLimit core 0",
            "completed " + MINT + " 201",
            "minted 42" + expiring,
            "refreshSucceeded 42 minted" + expiring,
            "served 42 WAITED",
            "rateLimit core 42",
            "completed GET /repos/{owner}/{repo} 200",
            "served 42 FRESH",
            "rateLimit core 42",
            "completed GET /repos/{owner}/{repo} 200");
  }

  @Test
  void tokenProvider_insideTheRefreshMargin_servesStaleWhileTheCallerRefreshes() {
    TokenProvider tokens = app().build().tokenProvider(42);
    tokens.token();
    emu.clock().advance(Duration.ofMinutes(47)); // 13 minutes left: inside the refresh margin
    heard.clear();

    tokens.token();

    assertThat(heard.events())
        .containsExactly(
            "refreshStarted 42",
            "rateLimit core 0",
            "completed " + MINT + " 201",
            "minted 42 expiring " + now.plus(Duration.ofMinutes(107)),
            "refreshSucceeded 42 minted expiring " + now.plus(Duration.ofMinutes(107)),
            "served 42 STALE");
  }

  @Test
  void request_asAnInstallation_reportsTheRateLimitGitHubSentWithTheInstallationId() {
    GitHubResponse answer =
        app().build().installationClient(42).send("GET /installation/repositories", Map.of());

    assertThat(last(heard.rateLimits())).isEqualTo(rateLimitIn(answer.headers(), 42));
  }

  @Test
  void request_asTheApp_reportsTheAppsRateLimitAsInstallationZero() {
    GitHubResponse answer =
        app()
            .build()
            .appClient()
            .send("GET /app/installations/{installation_id}", Map.of("installation_id", 42));

    assertThat(heard.rateLimits()).containsExactly(rateLimitIn(answer.headers(), 0));
  }

  @Test
  void request_refused_completesWithTheStatusGitHubGave() {
    GitHubClient gh = app().build().installationClient(42);

    assertThatThrownBy(
            () ->
                gh.request(
                    "GET /repos/{owner}/{repo}", Map.of("owner", "octo-org", "repo", "nope")))
        .isInstanceOf(NotFoundException.class);

    assertThat(heard.events("completed")).endsWith("completed GET /repos/{owner}/{repo} 404");
  }

  @Test
  void request_noAnswer_isRetriedForTheConnectionAndCompletesWithStatusZero() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    GitHubApp app =
        GitHubApp.builder()
            .appId(1001)
            .privateKey(TestKeys.rsa().getPrivate())
            .baseUrl("http://127.0.0.1:" + closedPort)
            .maxAttempts(2)
            .retryBackoff(Duration.ofMillis(1))
            .listener(heard)
            .build();

    assertThatThrownBy(() -> app.createToken(42)).isInstanceOf(TransportException.class);

    assertThat(heard.events())
        .containsExactly("retried " + MINT + " CONNECTION attempt 2", "completed " + MINT + " 0");
  }

  @Test
  void request_afterTwoBadGateways_isRetriedForEachWithTheNextAttempt() {
    GitHubApp app = app().build();
    emu.faults().failNext(2, 502);

    app.installations().byId(42);

    String route = "GET /app/installations/{installation_id}";
    assertThat(heard.events("retried"))
        .containsExactly(
            "retried " + route + " SERVER_ERROR attempt 2",
            "retried " + route + " SERVER_ERROR attempt 3");
    assertThat(heard.events("completed")).containsExactly("completed " + route + " 200");
  }

  @Test
  void request_newTokenNotYetReplicated_isRetriedForReplicationLag() {
    emu.faults().replicationLag(Duration.ofSeconds(1));
    HttpTransport jdk = HttpTransport.of(HttpClient.newHttpClient());
    // The lag passes the moment GitHub has refused the token once, however long the retry waits.
    HttpTransport timePassesOnRefusal =
        request -> {
          HttpResponse<byte[]> response = jdk.send(request);
          if (response.statusCode() == 401) {
            emu.clock().advance(Duration.ofSeconds(1));
          }
          return response;
        };
    GitHubClient gh = app().transport(timePassesOnRefusal).build().installationClient(42);

    gh.request("GET /installation/repositories");

    assertThat(heard.events("retried"))
        .containsExactly("retried GET /installation/repositories REPLICATION_LAG attempt 2");
    assertThat(heard.events("minted")).hasSize(1);
  }

  @Test
  void request_cachedTokenRevokedBehindOurBack_isRetriedWithANewTokenForTheRefusedOne() {
    GitHubApp app = app().build();
    GitHubClient gh = app.installationClient(42);
    gh.request("GET /installation/repositories");
    EmulatorApps.send(emu, "DELETE", "/installation/token", app.tokenProvider(42).token());
    emu.clock().advance(Duration.ofMinutes(1)); // past any replication lag: the token is gone
    heard.clear();

    gh.request("GET /installation/repositories");

    assertThat(heard.events("retried"))
        .containsExactly("retried GET /installation/repositories REFUSED_TOKEN attempt 2");
    assertThat(heard.events("minted")).hasSize(1);
    assertThat(heard.events("completed")).endsWith("completed GET /installation/repositories 200");
  }

  @Test
  void createToken_localClockFiveMinutesFast_isRetriedForClockSkew() {
    emu.faults().clockOffset(Duration.ofMinutes(-5));

    app().build().createToken(42);

    assertThat(heard.events("retried"))
        .containsExactly("retried " + MINT + " CLOCK_SKEW attempt 2");
    assertThat(heard.events("completed")).containsExactly("completed " + MINT + " 201");
  }

  @Test
  void createToken_firstKeyUnknownToGitHub_isRetriedForKeyRotation() {
    GitHubApp app =
        GitHubApp.builder()
            .clientId(emu.app(1001).clientId())
            .privateKey(TestKeys.rsa().getPrivate())
            .addPrivateKey(emu.app(1001).privateKeyPem())
            .baseUrl(emu.baseUrl())
            .clock(emu.clock())
            .listener(heard)
            .build();

    app.createToken(42);

    assertThat(heard.events("retried"))
        .containsExactly("retried " + MINT + " KEY_ROTATION attempt 2");
  }

  @Test
  void graphql_completesAsPostToGraphql() {
    app().build().installationClient(42).graphql("query { viewer { login } }");

    assertThat(heard.events("completed")).endsWith("completed POST /graphql 200");
  }

  @Test
  void paginate_everyPageIsNamedByTheRouteAsWritten() {
    GitHubClient gh = app().build().installationClient(42);

    assertThat(gh.paginate("GET /installation/repositories", Map.of("per_page", 1))).hasSize(2);

    assertThat(heard.events("completed GET"))
        .containsExactly(
            "completed GET /installation/repositories 200",
            "completed GET /installation/repositories 200");
  }

  @Test
  void tokenProvider_tokenAnotherAppSharingTheStoreMinted_refreshSucceedsFromTheStore() {
    TokenStore shared = TokenStore.inMemory(10);
    EmulatorApps.builder(emu).tokenStore(shared).build().tokenProvider(42).token();

    app().tokenStore(shared).build().tokenProvider(42).token();

    assertThat(heard.events())
        .containsExactly(
            "refreshStarted 42",
            "refreshSucceeded 42 from store expiring " + now.plus(Duration.ofHours(1)),
            "served 42 WAITED");
    assertThat(emu.requests().stream().filter(RecordedRequest::isMint)).hasSize(1);
  }

  private static RateLimit rateLimitIn(HttpHeaders headers, long installationId) {
    return new RateLimit(
        headers.firstValue("x-ratelimit-resource").orElseThrow(),
        Integer.parseInt(headers.firstValue("x-ratelimit-limit").orElseThrow()),
        Integer.parseInt(headers.firstValue("x-ratelimit-remaining").orElseThrow()),
        Integer.parseInt(headers.firstValue("x-ratelimit-used").orElseThrow()),
        Instant.ofEpochSecond(
            Long.parseLong(headers.firstValue("x-ratelimit-reset").orElseThrow())),
        installationId);
  }

  private static <T> T last(List<T> list) {
    return list.get(list.size() - 1);
  }
}
