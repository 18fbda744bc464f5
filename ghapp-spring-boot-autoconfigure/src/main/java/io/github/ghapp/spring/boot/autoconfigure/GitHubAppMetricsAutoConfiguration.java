package io.github.ghapp.spring.boot.autoconfigure;

import io.github.ghapp.micrometer.GitHubAppMetrics;
import io.github.ghapp.micrometer.WebhookMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * ghapp-micrometer's meters, when Micrometer is on the class path: {@link GitHubAppMetrics} and
 * {@link WebhookMetrics} beans, which the {@code GitHubApp} and {@code Webhooks} beans take as
 * listeners (beside the application's own) and which Boot binds to its meter registry as it binds
 * every {@link MeterBinder} bean. Unbound (no registry), they record nothing. {@code
 * ghapp.metrics.installation-tags=true} tags token and rate-limit meters with installation ids.
 */
@AutoConfiguration(
    before = {GitHubAppAutoConfiguration.class, GitHubWebhooksAutoConfiguration.class})
@ConditionalOnClass({MeterBinder.class, GitHubAppMetrics.class})
@EnableConfigurationProperties(GitHubAppProperties.class)
public class GitHubAppMetricsAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  GitHubAppMetrics gitHubAppMetrics(GitHubAppProperties properties) {
    return properties.getMetrics().isInstallationTags()
        ? GitHubAppMetrics.withInstallationTags()
        : new GitHubAppMetrics();
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.github.ghapp.webhooks.Webhooks")
  static class Receiver {
    @Bean
    @ConditionalOnMissingBean
    WebhookMetrics gitHubWebhookMetrics() {
      return new WebhookMetrics();
    }
  }
}
