package io.github.ghapp.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchRuntimeException;

import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.GitHubAppBuilder;
import io.github.ghapp.auth.GitHubAppListener;
import io.github.ghapp.auth.GitHubClient;
import io.github.ghapp.auth.TokenProvider;
import io.github.ghapp.emulator.EmulatorClock;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The token and request meters after real traffic with the emulator, whose clock stands still
 * unless a test moves it; the registry reads the same clock, so validity is known to the second.
 */
class GitHubAppMetricsTest {
  private static final String MINT = "/app/installations/{installation_id}/access_tokens";
  private static final Map<String, String> HELLO_WORLD =
      Map.of("owner", "octo-org", "repo", "hello-world");

  @RegisterExtension
  static final GitHubEmulatorExtension github =
      GitHubEmulatorExtension.demo()
          .configure(b -> b.clock(EmulatorClock.stoppedAt(Instant.parse("2026-03-01T09:00:00Z"))));

  private GitHubEmulator emu;
  private SimpleMeterRegistry registry;
  private final GitHubAppMetrics metrics = new GitHubAppMetrics();

  @BeforeEach
  void bind() {
    emu = github.emulator();
    registry = registryOn(emu.clock());
    metrics.bindTo(registry);
  }

  static SimpleMeterRegistry registryOn(EmulatorClock time) {
    return new SimpleMeterRegistry(
        SimpleConfig.DEFAULT,
        new Clock() {
          @Override
          public long wallTime() {
            return time.millis();
          }

          @Override
          public long monotonicTime() {
            return System.nanoTime();
          }
        });
  }

  /** A new app (so a new token cache) on the emulator's clock, heard by {@code listener}. */
  static GitHubAppBuilder app(GitHubEmulator emu, GitHubAppListener listener) {
    return GitHubApp.builder()
        .clientId(emu.app(1001).clientId())
        .privateKey(emu.app(1001).privateKeyPem())
        .baseUrl(emu.baseUrl())
        .clock(emu.clock())
        .retryBackoff(Duration.ofMillis(5))
        .listener(listener);
  }

  private RequiredSearch meter(String name) {
    return registry.get(name);
  }

  @Test
  void token_mintedThenServedFromTheCache_countsWaitedOnceAndFreshAfter() {
    TokenProvider tokens = app(emu, metrics).build().tokenProvider(42);

    tokens.token();
    tokens.token();
    tokens.token();

    assertThat(meter("ghapp.token.requests").tag("outcome", "waited").counter().count())
        .isEqualTo(1);
    assertThat(meter("ghapp.token.requests").tag("outcome", "fresh").counter().count())
        .isEqualTo(2);
    assertThat(meter("ghapp.token.requests").tag("outcome", "stale").counter().count()).isZero();
    assertThat(
            meter("ghapp.token.refreshes").tags("outcome", "minted", "exception", "none").timer())
        .satisfies(t -> assertThat(t.count()).isEqualTo(1));
    assertThat(meter("ghapp.token.mints").tag("outcome", "success").timer().count()).isEqualTo(1);
  }

  @Test
  void token_insideTheRefreshMargin_countsStaleAndASecondMintedRefresh() {
    TokenProvider tokens = app(emu, metrics).build().tokenProvider(42);
    tokens.token();
    emu.clock().advance(Duration.ofMinutes(47)); // 13 minutes left: inside the refresh margin

    tokens.token();

    assertThat(meter("ghapp.token.requests").tag("outcome", "stale").counter().count())
        .isEqualTo(1);
    assertThat(meter("ghapp.token.refreshes").tag("outcome", "minted").timer().count())
        .isEqualTo(2);
    assertThat(meter("ghapp.token.mints").tag("outcome", "success").timer().count()).isEqualTo(2);
  }

  @Test
  void validityGauge_asTimePasses_showsTheSecondsLeftUntilTheTokenExpires() {
    app(emu, metrics).build().tokenProvider(42).token();

    assertThat(meter("ghapp.token.validity.min").timeGauge().value(TimeUnit.SECONDS))
        .isEqualTo(3600);
    emu.clock().advance(Duration.ofMinutes(10));
    assertThat(meter("ghapp.token.validity.min").timeGauge().value(TimeUnit.SECONDS))
        .isEqualTo(3000);
    assertThat(meter("ghapp.token.cached").gauge().value()).isEqualTo(1);

    emu.clock().advance(Duration.ofHours(1));
    assertThat(meter("ghapp.token.validity.min").timeGauge().value(TimeUnit.SECONDS)).isNaN();
    assertThat(meter("ghapp.token.cached").gauge().value()).isZero();
  }

  @Test
  void token_mintRefusedWith500_timesAFailedRefreshByErrorAndAFailedMint() {
    TokenProvider tokens = app(emu, metrics).maxAttempts(1).build().tokenProvider(42);
    emu.faults().failNext(1, 500);

    RuntimeException thrown = catchRuntimeException(tokens::token);

    String error = thrown.getClass().getSimpleName();
    assertThat(meter("ghapp.token.refreshes").tags("outcome", "failed", "exception", error).timer())
        .satisfies(t -> assertThat(t.count()).isEqualTo(1));
    assertThat(meter("ghapp.token.mints").tag("outcome", "failure").timer().count()).isEqualTo(1);
    assertThat(
            meter("ghapp.github.requests")
                .tags("method", "POST", "route", MINT, "status", "5xx")
                .timer()
                .count())
        .isEqualTo(1);
  }

  @Test
  void request_afterTwoBadGateways_countsTwoRetriesAndOneAnswer() {
    GitHubApp app = app(emu, metrics).build();
    emu.faults().failNext(2, 502);

    app.installations().byId(42);

    String route = "/app/installations/{installation_id}";
    assertThat(
            meter("ghapp.github.retries")
                .tags("method", "GET", "route", route, "cause", "server_error")
                .counter()
                .count())
        .isEqualTo(2);
    assertThat(
            meter("ghapp.github.requests")
                .tags("method", "GET", "route", route, "status", "2xx")
                .timer()
                .count())
        .isEqualTo(1);
  }

  @Test
  void request_concretePath_isNamedByGitHubsTemplate() {
    GitHubApp app = app(emu, metrics).build();

    app.installationClient(42).request("GET /repos/octo-org/hello-world");
    app.installationClient(42).request("GET /repos/{owner}/{repo}", HELLO_WORLD);
    app.appClient().request("GET /app/installations/42");

    assertThat(
            meter("ghapp.github.requests")
                .tags("method", "GET", "route", "/repos/{owner}/{repo}", "status", "2xx")
                .timer()
                .count())
        .isEqualTo(2);
    assertThat(meter("ghapp.github.requests").tag("route", "/app/installations/{id}").timer())
        .satisfies(t -> assertThat(t.count()).isEqualTo(1));
    assertThat(
            registry
                .find("ghapp.github.requests")
                .tag("route", "/repos/octo-org/hello-world")
                .meters())
        .isEmpty();
  }

  @Test
  void request_asAnInstallation_setsTheRateLimitGaugesToWhatGitHubSent() {
    GitHubClient gh = app(emu, metrics).build().installationClient(42);
    gh.request("GET /installation/repositories");

    var answer = gh.send("GET /installation/repositories", Map.of()).headers();

    RequiredSearch core =
        meter("ghapp.ratelimit.remaining").tags("resource", "core", "budget", "installation");
    assertThat(core.gauge().value())
        .isEqualTo(Double.parseDouble(answer.firstValue("x-ratelimit-remaining").orElseThrow()));
    assertThat(
            meter("ghapp.ratelimit.limit")
                .tags("resource", "core", "budget", "installation")
                .gauge()
                .value())
        .isEqualTo(Double.parseDouble(answer.firstValue("x-ratelimit-limit").orElseThrow()));
    long reset = Long.parseLong(answer.firstValue("x-ratelimit-reset").orElseThrow());
    assertThat(
            meter("ghapp.ratelimit.reset")
                .tags("resource", "core", "budget", "installation")
                .timeGauge()
                .value(TimeUnit.SECONDS))
        .isEqualTo(reset - emu.clock().instant().getEpochSecond());
    assertThat(meter("ghapp.ratelimit.remaining").tags("resource", "core", "budget", "app").gauge())
        .as("the mint was sent as the app, on the app's own budget")
        .isNotNull();
  }

  @Test
  void request_rateLimitSpent_showsNoneRemainingAndCountsThe403() {
    GitHubClient gh = app(emu, metrics).build().installationClient(42);
    gh.request("GET /installation/repositories");
    emu.faults().exhaustRateLimit(42);

    catchRuntimeException(() -> gh.request("GET /installation/repositories"));

    assertThat(
            meter("ghapp.ratelimit.remaining")
                .tags("resource", "core", "budget", "installation")
                .gauge()
                .value())
        .isZero();
    assertThat(
            meter("ghapp.github.requests")
                .tags("route", "/installation/repositories", "status", "4xx")
                .timer()
                .count())
        .isEqualTo(1);
  }

  @Test
  void meters_withoutInstallationTags_haveNoInstallationTag() {
    GitHubApp app = app(emu, metrics).build();
    app.installationClient(42).request("GET /installation/repositories");
    app.tokenProvider(43).token();

    assertThat(registry.getMeters())
        .isNotEmpty()
        .allSatisfy(
            m -> assertThat(m.getId().getTag("installation")).as(m.getId().toString()).isNull());
  }

  @Test
  void meters_withInstallationTags_tellInstallationsApart() {
    GitHubAppMetrics tagged = GitHubAppMetrics.withInstallationTags();
    tagged.bindTo(registry);
    GitHubApp app = app(emu, tagged).build();

    app.tokenProvider(42).token();
    app.tokenProvider(42).token();
    app.tokenProvider(43).token();

    assertThat(
            meter("ghapp.token.requests")
                .tags("installation", "42", "outcome", "fresh")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(
            meter("ghapp.token.requests")
                .tags("installation", "43", "outcome", "waited")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(
            meter("ghapp.token.validity.min")
                .tag("installation", "43")
                .timeGauge()
                .value(TimeUnit.SECONDS))
        .isEqualTo(3600);
    assertThat(
            meter("ghapp.ratelimit.remaining")
                .tags("budget", "app", "installation", "none")
                .gauge())
        .isNotNull();
  }

  @Test
  void listener_beforeBindTo_recordsNothing_andBindingTwiceKeepsCounting() {
    GitHubAppMetrics unbound = new GitHubAppMetrics();
    SimpleMeterRegistry own = registryOn(emu.clock());
    TokenProvider tokens = app(emu, unbound).build().tokenProvider(42);

    tokens.token();
    assertThat(own.getMeters()).isEmpty();

    unbound.bindTo(own);
    tokens.token();
    unbound.bindTo(own);
    tokens.token();

    assertThat(own.get("ghapp.token.requests").tag("outcome", "fresh").counters())
        .singleElement()
        .satisfies(c -> assertThat(c.count()).isEqualTo(2));
    assertThat(own.getMeters().stream().map(Meter::getId).distinct())
        .hasSameSizeAs(own.getMeters());
  }

  @Test
  void requestCompleted_pastTwoHundredRoutes_tagsTheRestOther() {
    for (int i = 0; i < Routes.MAX_ROUTES + 50; i++) {
      metrics.requestCompleted("GET", "/unknown/route-" + i, 200, Duration.ofMillis(1));
    }
    metrics.requestCompleted("GET", "/unknown/route-0", 200, Duration.ofMillis(1));

    assertThat(registry.find("ghapp.github.requests").timers()).hasSize(Routes.MAX_ROUTES + 1);
    assertThat(meter("ghapp.github.requests").tag("route", "other").timer().count()).isEqualTo(50);
    assertThat(meter("ghapp.github.requests").tag("route", "/unknown/route-0").timer().count())
        .isEqualTo(2);
  }

  @Test
  void tokenStore_unavailableThenRecovered_isGaugedWhileDownAndTheOutageTimed() {
    String store = "redis://10.0.0.5:6379";

    metrics.tokenStoreUnavailable(store, "RedisConnectionException: refused");
    metrics.tokenStoreUnavailable(store, "RedisConnectionException: refused");
    assertThat(meter("ghapp.token.store.unavailable").gauge().value()).isEqualTo(1);

    metrics.tokenStoreRecovered(store, Duration.ofSeconds(42));
    assertThat(meter("ghapp.token.store.unavailable").gauge().value()).isZero();
    assertThat(meter("ghapp.token.store.outages").timer().totalTime(TimeUnit.SECONDS))
        .isEqualTo(42);
  }
}
