package io.github.ghapp.spring.boot.autoconfigure;

import io.github.ghapp.webhooks.WebhooksBuilder;

/**
 * Changes the auto-configured {@code Webhooks} receiver beyond the {@code ghapp.webhooks.*}
 * properties: called with the builder after they were applied, before {@code build()}.
 *
 * <pre>{@code
 * @Bean
 * WebhooksCustomizer sharedDeduplication(RedisSeenDeliveries seen) {
 *   return builder -> builder.seenDeliveries(seen);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface WebhooksCustomizer {
  void customize(WebhooksBuilder builder);
}
