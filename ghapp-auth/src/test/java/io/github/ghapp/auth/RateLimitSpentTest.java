package io.github.ghapp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ghapp.emulator.EmulatorClock;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import io.github.ghapp.emulator.RecordedRequest;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A spent rate limit: failing at once with the reset GitHub gave, or waiting it out when it comes
 * within the deadline.
 *
 * <p>Each test has an emulator of its own on a clock that stands still, so an installation's hourly
 * window opens with the test's first request and resets exactly an hour later. A shared emulator on
 * a ticking clock made {@code request_rateLimitSpent_failsAtOnceWithTheResetTime} flaky: the
 * waiting-out test before it left installation 42's window within a second of its reset, so the
 * spent limit reset while the client waited it out, and the exception carried the next window's
 * reset, an hour later than the one just read.
 */
class RateLimitSpentTest {
  private static final Instant START = Instant.parse("2025-05-01T08:00:00Z");

  @RegisterExtension
  static final GitHubEmulatorExtension github =
      GitHubEmulatorExtension.demo()
          .freshPerTest()
          .configure(b -> b.clock(EmulatorClock.stoppedAt(START)));

  @Test
  void request_rateLimitSpent_failsAtOnceWithTheResetTime() {
    GitHubEmulator emu = github.emulator();
    GitHubClient gh = EmulatorApps.app(emu).installationClient(42);
    long reset =
        gh.request("GET /rate_limit").path("resources").path("core").path("reset").asLong();
    emu.faults().exhaustRateLimit(42);

    assertThatThrownBy(() -> gh.request("GET /installation/repositories"))
        .isInstanceOf(RateLimitedException.class)
        .hasMessageContaining("resets at")
        .satisfies(
            e -> {
              RateLimitedException limited = (RateLimitedException) e;
              assertThat(limited.status()).isEqualTo(403);
              assertThat(limited.isRetryable()).isTrue();
              assertThat(limited.resetAt()).isEqualTo(Instant.ofEpochSecond(reset));
            });
    assertThat(Instant.ofEpochSecond(reset)).isEqualTo(START.plus(Duration.ofHours(1)));
    assertThat(statuses(emu, "/installation/repositories"))
        .as("refused once: an hour to wait is past the deadline")
        .containsExactly(403);
  }

  @Test
  void request_rateLimitSpentWith429_isRateLimitedToo() {
    GitHubEmulator emu = github.emulator();
    GitHubClient gh = EmulatorApps.app(emu).installationClient(42);
    emu.faults().exhaustRateLimit(42, 429);

    assertThatThrownBy(() -> gh.request("GET /installation/repositories"))
        .isInstanceOf(RateLimitedException.class)
        .satisfies(e -> assertThat(((GitHubException) e).status()).isEqualTo(429));
  }

  @Test
  void request_rateLimitResettingWithinTheDeadline_isWaitedOut() {
    GitHubEmulator emu = github.emulator();
    HttpTransport jdk = HttpTransport.of(HttpClient.newHttpClient());
    // GitHub lifts the limit when the window resets; here the transport does, the moment the client
    // has been refused, so the retry finds it lifted however long the wait took.
    HttpTransport liftedOnRefusal =
        request -> {
          HttpResponse<byte[]> response = jdk.send(request);
          if (response.statusCode() == 403) {
            emu.faults().clear();
          }
          return response;
        };
    RecordingListener heard = new RecordingListener();
    GitHubClient gh =
        EmulatorApps.builder(emu)
            .retryBackoff(Duration.ofMillis(5))
            .deadline(Duration.ofSeconds(20))
            .transport(liftedOnRefusal)
            .listener(heard)
            .build()
            .installationClient(42);
    long reset =
        Long.parseLong(
            gh.send("GET /installation/repositories", Map.of()).header("x-ratelimit-reset"));
    emu.clock().set(Instant.ofEpochSecond(reset).minusSeconds(1)); // the window resets in 1 s
    gh.request("GET /installation/repositories"); // the provider mints anew: its token expires too
    emu.faults().exhaustRateLimit(42);
    emu.clearRequests();
    heard.clear();

    JsonAssert.names(gh.paginate("GET /installation/repositories")).contains("hello-world");

    assertThat(statuses(emu, "/installation/repositories")).containsExactly(403, 200);
    assertThat(heard.events("retried"))
        .containsExactly("retried GET /installation/repositories RATE_LIMIT attempt 2");
    assertThat(heard.durations()).contains(Duration.ofSeconds(1));
  }

  /** Statuses answered on {@code path}, leaving out the mints that led up to them. */
  private static List<Integer> statuses(GitHubEmulator emu, String path) {
    return emu.requests().stream()
        .filter(r -> r.path().equals(path))
        .map(RecordedRequest::status)
        .toList();
  }
}
