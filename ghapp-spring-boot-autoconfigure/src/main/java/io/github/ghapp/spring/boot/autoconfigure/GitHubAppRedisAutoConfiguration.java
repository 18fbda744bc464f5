package io.github.ghapp.spring.boot.autoconfigure;

import io.github.ghapp.auth.GitHubAppListener;
import io.github.ghapp.auth.TokenStore;
import io.github.ghapp.redis.RedisTokenStore;
import io.github.ghapp.redis.RedisTokenStoreBuilder;
import java.util.Base64;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * A {@link RedisTokenStore} as the app's token store, when ghapp-redis is on the class path and
 * {@code ghapp.token-store.redis.uri} (or {@code .cluster}) is set: every replica uses the tokens
 * one of them minted, one mint per installation and scope for the fleet. The store hears what the
 * app's listeners hear (its outages among them). A {@link TokenStore} bean of the application's own
 * replaces it.
 */
@AutoConfiguration(before = GitHubAppAutoConfiguration.class)
@ConditionalOnClass(RedisTokenStore.class)
@Conditional(GitHubAppRedisAutoConfiguration.Configured.class)
@EnableConfigurationProperties(GitHubAppRedisProperties.class)
public class GitHubAppRedisAutoConfiguration {
  private static final String KEY_ACTION =
      "Set ghapp.token-store.redis.sealing-key to the base64 of 32 random bytes (openssl rand"
          + " -base64 32), the same in every process, kept like a password.";

  @Bean
  @ConditionalOnMissingBean(TokenStore.class)
  RedisTokenStore gitHubRedisTokenStore(
      GitHubAppRedisProperties properties, ObjectProvider<GitHubAppListener> listeners) {
    RedisTokenStoreBuilder builder = RedisTokenStore.builder();
    boolean hasUri = properties.getUri() != null && !properties.getUri().isBlank();
    if (hasUri && !properties.getCluster().isEmpty()) {
      throw new GitHubAppConfigurationException(
          "ghapp.token-store.redis.uri and ghapp.token-store.redis.cluster are both set",
          "Give one of them: uri for one Redis or a Sentinel, cluster for a Redis Cluster.");
    }
    if (hasUri) {
      GitHubAppAutoConfiguration.set(
          "ghapp.token-store.redis.uri", () -> builder.uri(properties.getUri().strip()));
    } else {
      GitHubAppAutoConfiguration.set(
          "ghapp.token-store.redis.cluster",
          () -> builder.cluster(properties.getCluster().toArray(String[]::new)));
    }
    builder.sealingKey(sealingKey(properties.getSealingKey()));
    if (properties.getPrefix() != null) {
      GitHubAppAutoConfiguration.set(
          "ghapp.token-store.redis.prefix", () -> builder.prefix(properties.getPrefix()));
    }
    List<GitHubAppListener> heard = listeners.orderedStream().toList();
    if (!heard.isEmpty()) {
      builder.listener(
          heard.size() == 1
              ? heard.get(0)
              : GitHubAppListener.all(heard.toArray(GitHubAppListener[]::new)));
    }
    try {
      return builder.build();
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new GitHubAppConfigurationException(
          "ghapp.token-store.redis: " + e.getMessage(),
          "Correct the ghapp.token-store.redis.* properties.",
          e);
    }
  }

  private static byte[] sealingKey(String value) {
    if (value == null || value.isBlank()) {
      throw new GitHubAppConfigurationException(
          "ghapp.token-store.redis.sealing-key is required: tokens are sealed in Redis, never kept"
              + " in clear",
          KEY_ACTION);
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(value.strip());
    } catch (IllegalArgumentException notBase64) {
      throw new GitHubAppConfigurationException(
          "ghapp.token-store.redis.sealing-key is not base64", KEY_ACTION);
    }
    if (key.length != 16 && key.length != 32) {
      throw new GitHubAppConfigurationException(
          "ghapp.token-store.redis.sealing-key decodes to "
              + key.length
              + " bytes; an AES key is 16 or 32",
          KEY_ACTION);
    }
    return key;
  }

  /** A URI or cluster seeds set. */
  static class Configured extends AnyNestedCondition {
    Configured() {
      super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnProperty("ghapp.token-store.redis.uri")
    static class Uri {}

    @ConditionalOnProperty("ghapp.token-store.redis.cluster")
    static class Cluster {}

    @ConditionalOnProperty("ghapp.token-store.redis.cluster[0]")
    static class ClusterList {}
  }
}
