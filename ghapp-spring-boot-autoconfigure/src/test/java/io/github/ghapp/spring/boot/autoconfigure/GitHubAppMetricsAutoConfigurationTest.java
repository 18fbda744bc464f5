package io.github.ghapp.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.GitHubAppListener;
import io.github.ghapp.micrometer.GitHubAppMetrics;
import io.github.ghapp.micrometer.WebhookMetrics;
import io.github.ghapp.webhooks.WebhookListener;
import io.github.ghapp.webhooks.WebhookResult;
import io.github.ghapp.webhooks.Webhooks;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class GitHubAppMetricsAutoConfigurationTest {
  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  MetricsAutoConfiguration.class,
                  CompositeMeterRegistryAutoConfiguration.class,
                  SimpleMetricsExportAutoConfiguration.class,
                  GitHubAppMetricsAutoConfiguration.class,
                  GitHubAppAutoConfiguration.class,
                  GitHubWebhooksAutoConfiguration.class))
          .withPropertyValues(
              "ghapp.app-id=1001",
              "ghapp.private-key=" + TestKeys.PEM,
              // nothing listens there: a request fails at once, and is measured all the same
              "ghapp.base-url=http://127.0.0.1:1",
              "ghapp.http.max-attempts=1",
              "ghapp.webhooks.secret=s");

  @Test
  void withMicrometer_deliveriesAndRequests_areMeasuredInBootsRegistry() {
    runner.run(
        context -> {
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          Webhooks hooks = context.getBean(Webhooks.class);
          Deliveries.deliver(hooks, "wrong", "ping", "{}");
          assertThat(
                  registry
                      .get("ghapp.webhook.deliveries")
                      .tags("outcome", "refused", "reason", "bad_signature")
                      .counter()
                      .count())
              .isEqualTo(1);
          GitHubApp app = context.getBean(GitHubApp.class);
          assertThatThrownBy(() -> app.appClient().request("GET /app")).isNotNull();
          assertThat(registry.get("ghapp.github.requests").tags("route", "/app").timer().count())
              .isEqualTo(1);
          assertThat(registry.find("ghapp.webhook.queue.depth").gauge()).isNotNull();
        });
  }

  @Test
  void applicationsOwnListeners_hearEverythingBesideTheMetrics() {
    runner
        .withUserConfiguration(OwnListeners.class)
        .run(
            context -> {
              OwnListeners own = context.getBean(OwnListeners.class);
              MeterRegistry registry = context.getBean(MeterRegistry.class);
              Deliveries.deliver(context.getBean(Webhooks.class), "wrong", "ping", "{}");
              assertThatThrownBy(
                      () -> context.getBean(GitHubApp.class).appClient().request("GET /app"))
                  .isNotNull();
              assertThat(own.refusals).hasValue(1);
              assertThat(own.requests).hasValue(1);
              assertThat(registry.get("ghapp.webhook.deliveries").counter().count()).isEqualTo(1);
              assertThat(registry.get("ghapp.github.requests").timer().count()).isEqualTo(1);
            });
  }

  @Test
  void installationTags_areOptIn() {
    runner.run(
        context ->
            assertThat(context.getBean(GitHubAppMetrics.class).toString())
                .isEqualTo(new GitHubAppMetrics().toString()));
    runner
        .withPropertyValues("ghapp.metrics.installation-tags=true")
        .run(
            context ->
                assertThat(context.getBean(GitHubAppMetrics.class).toString())
                    .isEqualTo(GitHubAppMetrics.withInstallationTags().toString()));
  }

  @Test
  void withoutMicrometer_noMeters_andTheAppStillStarts() {
    runner
        .withClassLoader(new FilteredClassLoader(MeterBinder.class))
        .run(
            context -> {
              assertThat(context).hasSingleBean(GitHubApp.class);
              assertThat(context).doesNotHaveBean(GitHubAppMetrics.class);
              assertThat(context).doesNotHaveBean(WebhookMetrics.class);
            });
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnListeners {
    final AtomicInteger refusals = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();

    @Bean
    WebhookListener auditLog() {
      return new WebhookListener() {
        @Override
        public void refused(Refusal reason, WebhookResult result) {
          refusals.incrementAndGet();
        }
      };
    }

    @Bean
    GitHubAppListener requestLog() {
      return new GitHubAppListener() {
        @Override
        public void requestCompleted(String method, String route, int status, Duration took) {
          requests.incrementAndGet();
        }
      };
    }
  }
}
