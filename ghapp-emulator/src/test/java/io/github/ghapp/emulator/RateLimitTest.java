package io.github.ghapp.emulator;

import static io.github.ghapp.emulator.JwtAuthenticationTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.emulator.internal.http.RateLimiter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GITHUB-FACTS.md section 5: primary rate limits per installation, with GitHub's headers and
 * refusals.
 */
class RateLimitTest {

  private static final AtomicInteger ACCOUNTS = new AtomicInteger();

  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  /**
   * A new installation of app 1001 on a new organization with {@code repositories} repositories.
   */
  private long newInstallation(int repositories) {
    GitHubEmulator emu = github.emulator();
    String org = "rate-org-" + ACCOUNTS.incrementAndGet();
    emu.createAccount(org, "Organization");
    for (int i = 0; i < repositories; i++) {
      emu.createRepository(org, "repo-" + i, true);
    }
    return emu.createInstallation(1001, org);
  }

  private Http.Reply listRepositories(String token) {
    return Http.at(github.baseUrl()).token(token).get("/installation/repositories");
  }

  @Test
  void requests_countAgainstTheInstallation_acrossAllItsTokens() {
    long installation = newInstallation(1);
    String first = Tokens.mint(github.emulator(), installation, "{}");
    String second = Tokens.mint(github.emulator(), installation, "{}");

    Http.Reply one = listRepositories(first);
    Http.Reply two = listRepositories(second);

    assertThat(one.header("x-ratelimit-limit")).isEqualTo("5000");
    assertThat(one.header("x-ratelimit-remaining")).isEqualTo("4999");
    assertThat(one.header("x-ratelimit-used")).isEqualTo("1");
    assertThat(one.header("x-ratelimit-resource")).isEqualTo("core");
    assertThat(two.header("x-ratelimit-remaining")).isEqualTo("4998");
    // The window opened with the installation's first request and closes an hour after it.
    long firstRequest =
        ZonedDateTime.parse(one.header("Date"), DateTimeFormatter.RFC_1123_DATE_TIME)
            .toEpochSecond();
    assertThat(Long.parseLong(one.header("x-ratelimit-reset"))).isEqualTo(firstRequest + 3600);
    assertThat(two.header("x-ratelimit-reset")).isEqualTo(one.header("x-ratelimit-reset"));
  }

  @Test
  void limit_grows50PerRepositoryBeyond20() {
    String token = Tokens.mint(github.emulator(), newInstallation(25), "{}");

    assertThat(listRepositories(token).header("x-ratelimit-limit")).isEqualTo("5250");
  }

  @Test
  void installationLimit_is5000Plus50PerRepositoryBeyond20_cappedAt12500() {
    assertThat(RateLimiter.installationLimit(0)).isEqualTo(5_000);
    assertThat(RateLimiter.installationLimit(20)).isEqualTo(5_000);
    assertThat(RateLimiter.installationLimit(21)).isEqualTo(5_050);
    assertThat(RateLimiter.installationLimit(169)).isEqualTo(12_450);
    assertThat(RateLimiter.installationLimit(170)).isEqualTo(12_500);
    assertThat(RateLimiter.installationLimit(10_000)).isEqualTo(12_500);
  }

  @Test
  void rateLimitEndpoint_showsTheBudget_withoutSpendingIt() {
    // On a stopped clock: the budgets the emulator does not serve reset a minute or an hour from
    // now, so on a ticking one two answers a second apart differ there (a flake, seen in CI runs).
    EmulatorClock clock = EmulatorClock.stoppedAt(Instant.parse("2025-01-01T00:00:00Z"));
    try (GitHubEmulator emu = GitHubEmulator.builder().demoState().clock(clock).build().start()) {
      String token = Tokens.mint(emu, 42, "{}");
      Http api = Http.at(emu.baseUrl()).token(token);
      api.get("/installation/repositories");

      Http.Reply first = api.get("/rate_limit");
      Http.Reply second = api.get("/rate_limit");

      assertThat(second.json.get("resources").get("core").get("used").asInt()).isEqualTo(1);
      assertThat(second.json.get("rate").get("remaining").asInt()).isEqualTo(4999);
      assertThat(second.json.get("resources").has("graphql")).isTrue();
      assertThat(second.json.get("resources").has("search")).isTrue();
      assertThat(first.json).isEqualTo(second.json);
    }
  }

  @Test
  void exhaustedBudget_answers403WithRemainingZeroAndNoRetryAfter() {
    long installation = newInstallation(1);
    String token = Tokens.mint(github.emulator(), installation, "{}");
    github.emulator().faults().exhaustRateLimit(installation);

    Http.Reply reply = listRepositories(token);

    assertRefused(reply, 403, "API rate limit exceeded for installation ID " + installation + ".");
    assertThat(reply.header("x-ratelimit-remaining")).isEqualTo("0");
    assertThat(reply.header("x-ratelimit-used")).isEqualTo("5000");
    assertThat(reply.header("retry-after")).isNull();
    assertThat(listRepositories(Tokens.mint(github.emulator(), 42, "{}")).status()).isEqualTo(200);
  }

  @Test
  void exhaustedBudget_canAnswer429_andRecoversWhenCleared() {
    long installation = newInstallation(1);
    String token = Tokens.mint(github.emulator(), installation, "{}");
    github.emulator().faults().exhaustRateLimit(installation, 429);

    assertThat(listRepositories(token).status()).isEqualTo(429);

    github.emulator().faults().clear();
    assertThat(listRepositories(token).status()).isEqualTo(200);
  }

  @Test
  void restoreRateLimit_recoversOneInstallation_andLeavesTheOthersSpent() {
    long first = newInstallation(1);
    long second = newInstallation(1);
    String firstToken = Tokens.mint(github.emulator(), first, "{}");
    String secondToken = Tokens.mint(github.emulator(), second, "{}");
    github.emulator().faults().exhaustRateLimit(first).exhaustRateLimit(second);

    github.emulator().faults().restoreRateLimit(first);

    assertThat(listRepositories(firstToken).status()).isEqualTo(200);
    assertThat(listRepositories(secondToken).status()).isEqualTo(403);
    github.emulator().faults().restoreRateLimit(second);
  }

  @Test
  void anonymousCallers_get60PerHour_thenTheBudgetResetsWithTheWindow() {
    try (GitHubEmulator emu = GitHubEmulator.builder().build().start()) {
      Http api = Http.at(emu.baseUrl());
      for (int i = 1; i <= 60; i++) {
        assertThat(api.get("/meta").header("x-ratelimit-remaining"))
            .isEqualTo(Integer.toString(60 - i));
      }

      Http.Reply refused = api.get("/meta");
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.message()).startsWith("API rate limit exceeded for 127.0.0.1.");

      emu.clock().advance(Duration.ofHours(1));
      assertThat(api.get("/meta").header("x-ratelimit-remaining")).isEqualTo("59");
    }
  }

  /**
   * Regression: a window opened at 00:00:00.600 ran until 01:00:00.600 while it advertised
   * 01:00:00, so a client that waited exactly until the reset was refused again and told to wait
   * for a reset already past.
   */
  @Test
  void window_resetsAtTheAdvertisedSecond_evenWhenItOpenedMidSecond() {
    EmulatorClock clock = EmulatorClock.stoppedAt(Instant.parse("2025-01-01T00:00:00.600Z"));
    try (GitHubEmulator emu = GitHubEmulator.builder().clock(clock).build().start()) {
      Http api = Http.at(emu.baseUrl());
      long reset = Long.parseLong(api.get("/meta").header("x-ratelimit-reset"));
      assertThat(reset).isEqualTo(Instant.parse("2025-01-01T01:00:00Z").getEpochSecond());

      clock.set(Instant.ofEpochSecond(reset));
      Http.Reply afterReset = api.get("/meta");

      assertThat(afterReset.header("x-ratelimit-used")).isEqualTo("1");
      assertThat(Long.parseLong(afterReset.header("x-ratelimit-reset"))).isEqualTo(reset + 3600);
    }
  }
}
