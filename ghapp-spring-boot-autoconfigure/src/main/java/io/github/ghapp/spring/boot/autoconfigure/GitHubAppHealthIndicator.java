package io.github.ghapp.spring.boot.autoconfigure;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.GitHubException;
import io.github.ghapp.auth.NotGitHubApiException;
import io.github.ghapp.auth.RateLimitedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Is the app's JWT accepted? Asks GitHub {@code GET /app} as the app at most once per interval,
 * however often the health endpoint is probed: a probe within the interval, or while a check is
 * running, is answered with the last result (a load balancer probing every second costs one call
 * every few minutes, and never a queue of them). Time comes from the injected clock.
 *
 * <p>DOWN when GitHub refuses the app (a deleted key, an unknown app, a clock far off, a base URL
 * that is no GitHub): the service cannot act as its App. UNKNOWN when GitHub cannot be reached,
 * fails (5xx) or rate-limits the app: an outage of GitHub's does not make the service unhealthy.
 * The reason is ghapp's message, which never holds a key or a JWT.
 */
final class GitHubAppHealthIndicator implements HealthIndicator {
  private final GitHubApp app;
  private final Duration interval;
  private final Clock clock;
  private final ReentrantLock checking = new ReentrantLock();
  private volatile Checked last;

  private record Checked(Instant at, Health health) {}

  GitHubAppHealthIndicator(GitHubApp app, Duration interval, Clock clock) {
    this.app = app;
    this.interval = interval;
    this.clock = clock;
  }

  @Override
  public Health health() {
    Checked seen = last;
    if (fresh(seen)) {
      return seen.health();
    }
    if (!checking.tryLock()) {
      return seen != null
          ? seen.health()
          : Health.unknown().withDetail("reason", "the first check is running").build();
    }
    try {
      seen = last;
      if (fresh(seen)) {
        return seen.health();
      }
      Instant now = clock.instant();
      Health health = check(now);
      last = new Checked(now, health);
      return health;
    } finally {
      checking.unlock();
    }
  }

  private boolean fresh(Checked checked) {
    return checked != null && clock.instant().isBefore(checked.at().plus(interval));
  }

  private Health check(Instant now) {
    Health.Builder health;
    try {
      JsonNode self = app.appClient().request("GET /app");
      health = Health.up().withDetail("app", self.path("slug").asText());
    } catch (RateLimitedException e) {
      health = Health.unknown().withDetail("error", e.getMessage());
    } catch (NotGitHubApiException e) {
      health = Health.down().withDetail("error", e.getMessage());
    } catch (GitHubException e) {
      boolean refused = e.status() >= 400 && e.status() < 500 && e.status() != 429;
      health = (refused ? Health.down() : Health.unknown()).withDetail("error", e.getMessage());
    } catch (RuntimeException e) {
      health =
          Health.unknown()
              .withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    return health.withDetail("checkedAt", now.toString()).build();
  }
}
