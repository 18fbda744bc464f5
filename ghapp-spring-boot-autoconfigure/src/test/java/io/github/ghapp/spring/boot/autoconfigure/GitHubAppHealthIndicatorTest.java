package io.github.ghapp.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.emulator.EmulatorClock;
import io.github.ghapp.emulator.GitHubEmulator;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class GitHubAppHealthIndicatorTest {
  static final EmulatorClock CLOCK = EmulatorClock.stoppedAt(Instant.parse("2026-12-02T03:00:00Z"));
  static final GitHubEmulator EMULATOR =
      GitHubEmulator.builder().demoState().clock(CLOCK).build().start();
  static final Duration INTERVAL = Duration.ofMinutes(5);

  GitHubApp app =
      GitHubApp.builder()
          .appId(1001)
          .privateKey(EMULATOR.app(1001).privateKeyPem())
          .baseUrl(EMULATOR.baseUrl())
          .clock(CLOCK)
          .maxAttempts(1)
          .build();
  GitHubAppHealthIndicator indicator = new GitHubAppHealthIndicator(app, INTERVAL, CLOCK);

  @AfterAll
  static void stop() {
    EMULATOR.close();
  }

  @BeforeEach
  void clearTheLog() {
    EMULATOR.faults().clear();
    EMULATOR.clearRequests();
  }

  long appLookUps() {
    return EMULATOR.requests().stream().filter(r -> r.path().equals("/app")).count();
  }

  @Test
  void acceptedJwt_isUp_namingTheApp() {
    Health health = indicator.health();
    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails())
        .containsEntry("app", "octo-app")
        .containsEntry("checkedAt", "2026-12-02T03:00:00Z");
  }

  @Test
  void probesWithinTheInterval_askGitHubOnce() {
    for (int i = 0; i < 50; i++) {
      indicator.health();
      CLOCK.advance(Duration.ofSeconds(5));
    }
    assertThat(appLookUps()).isEqualTo(1);
  }

  @Test
  void probeAfterTheInterval_asksAgain() {
    indicator.health();
    CLOCK.advance(INTERVAL.minusSeconds(1));
    indicator.health();
    assertThat(appLookUps()).isEqualTo(1);
    CLOCK.advance(Duration.ofSeconds(1));
    indicator.health();
    assertThat(appLookUps()).isEqualTo(2);
  }

  @Test
  void refusedJwt_isDown_withGitHubsReason_andNoJwt() {
    GitHubApp stranger =
        GitHubApp.builder()
            .appId(1001)
            .privateKey(TestKeys.PEM)
            .baseUrl(EMULATOR.baseUrl())
            .clock(CLOCK)
            .maxAttempts(1)
            .build();
    Health health = new GitHubAppHealthIndicator(stranger, INTERVAL, CLOCK).health();
    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    String error = (String) health.getDetails().get("error");
    assertThat(error).isNotBlank().doesNotContain("eyJ").doesNotContain(stranger.jwt());
  }

  @Test
  void gitHubFailing_isUnknown_notDown() {
    EMULATOR.faults().failNext(1, 503);
    Health health = indicator.health();
    assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
    assertThat(health.getDetails()).containsKey("error");
  }

  @Test
  void aFailedCheck_isReusedForTheIntervalToo() {
    EMULATOR.faults().failNext(1, 503);
    indicator.health();
    CLOCK.advance(Duration.ofMinutes(1));
    assertThat(indicator.health().getStatus()).isEqualTo(Status.UNKNOWN);
    CLOCK.advance(INTERVAL);
    assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void autoConfiguration_addsTheIndicator_unlessDisabled() {
    ApplicationContextRunner runner =
        new ApplicationContextRunner()
            .withConfiguration(
                AutoConfigurations.of(
                    GitHubAppAutoConfiguration.class, GitHubAppHealthAutoConfiguration.class))
            .withPropertyValues("ghapp.app-id=1001", "ghapp.private-key=" + TestKeys.PEM);
    runner.run(
        context ->
            assertThat(context.getBean("ghappHealthIndicator"))
                .isInstanceOf(GitHubAppHealthIndicator.class));
    runner
        .withPropertyValues("management.health.ghapp.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean("ghappHealthIndicator"));
    runner
        .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
        .run(context -> assertThat(context).doesNotHaveBean("ghappHealthIndicator"));
  }
}
