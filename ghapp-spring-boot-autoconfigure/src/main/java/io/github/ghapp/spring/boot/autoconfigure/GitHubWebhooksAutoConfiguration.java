package io.github.ghapp.spring.boot.autoconfigure;

import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.webhooks.WebhookErrorHandler;
import io.github.ghapp.webhooks.WebhookListener;
import io.github.ghapp.webhooks.Webhooks;
import io.github.ghapp.webhooks.WebhooksBuilder;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * The {@link Webhooks} receiver, once {@code ghapp.webhooks.secret} is set, and the registration of
 * every {@link GitHubWebhook} method of the application's beans. {@link WebhookListener} and {@link
 * WebhookErrorHandler} beans are given to it, {@link WebhooksCustomizer} beans set anything else,
 * and a {@code Webhooks} bean of the application's own replaces it (its handlers are then
 * registered on that one).
 */
@AutoConfiguration(after = GitHubAppAutoConfiguration.class)
@ConditionalOnClass(Webhooks.class)
public class GitHubWebhooksAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(GitHubApp.class)
  @Conditional(OnWebhookSecretCondition.class)
  Webhooks gitHubWebhooks(
      GitHubApp app,
      GitHubAppProperties properties,
      ObjectProvider<WebhookListener> listener,
      ObjectProvider<WebhookErrorHandler> errorHandlers,
      ObjectProvider<WebhooksCustomizer> customizers) {
    GitHubAppProperties.Webhooks settings = properties.getWebhooks();
    WebhooksBuilder builder = Webhooks.builder(app);
    List<String> secrets = settings.getSecret();
    for (int i = 0; i < secrets.size(); i++) {
      String secret = secrets.get(i);
      String property =
          secrets.size() == 1
              ? OnWebhookSecretCondition.PROPERTY
              : OnWebhookSecretCondition.PROPERTY + "[" + i + "]";
      GitHubAppAutoConfiguration.set(property, () -> builder.secret(secret));
    }
    if (settings.getThreads() != null || settings.getQueueCapacity() != null) {
      int threads = settings.getThreads() == null ? 8 : settings.getThreads();
      int queue = settings.getQueueCapacity() == null ? 1000 : settings.getQueueCapacity();
      GitHubAppAutoConfiguration.set(
          "ghapp.webhooks.threads/queue-capacity", () -> builder.workers(threads, queue));
    }
    if (settings.getAsyncTimeout() != null) {
      GitHubAppAutoConfiguration.set(
          "ghapp.webhooks.async-timeout", () -> builder.asyncTimeout(settings.getAsyncTimeout()));
    }
    List<WebhookListener> listeners = listener.orderedStream().toList();
    if (!listeners.isEmpty()) {
      builder.listener(
          listeners.size() == 1
              ? listeners.get(0)
              : WebhookListener.all(listeners.toArray(WebhookListener[]::new)));
    }
    customizers.orderedStream().forEach(c -> c.customize(builder));
    Webhooks hooks = builder.build();
    errorHandlers.orderedStream().forEach(hooks::onError);
    return hooks;
  }

  @Bean
  @ConditionalOnMissingBean
  static WebhookMethodRegistrar gitHubWebhookMethodRegistrar() {
    return new WebhookMethodRegistrar();
  }
}
