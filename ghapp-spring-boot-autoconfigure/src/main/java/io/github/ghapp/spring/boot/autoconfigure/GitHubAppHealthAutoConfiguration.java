package io.github.ghapp.spring.boot.autoconfigure;

import io.github.ghapp.auth.GitHubApp;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The actuator's health component {@code ghapp}: the app's JWT accepted by {@code GET /app},
 * checked at most every {@code ghapp.health.interval} (5 minutes). Off with {@code
 * management.health.ghapp.enabled=false}; a bean named {@code ghappHealthIndicator} of the
 * application's own replaces it.
 */
@AutoConfiguration(after = GitHubAppAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, GitHubApp.class})
@ConditionalOnBean(GitHubApp.class)
@ConditionalOnEnabledHealthIndicator("ghapp")
public class GitHubAppHealthAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = "ghappHealthIndicator")
  HealthIndicator ghappHealthIndicator(GitHubApp app, GitHubAppProperties properties) {
    Duration interval = properties.getHealth().getInterval();
    if (interval == null || interval.isNegative()) {
      throw new GitHubAppConfigurationException(
          "ghapp.health.interval must be zero or positive, got " + interval,
          "Set ghapp.health.interval to how long a check is reused, e.g. 5m.");
    }
    return new GitHubAppHealthIndicator(app, interval, Clock.systemUTC());
  }
}
