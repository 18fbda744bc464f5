package io.github.ghapp.spring.boot.autoconfigure;

import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.GitHubAppBuilder;
import io.github.ghapp.auth.GitHubAppListener;
import io.github.ghapp.auth.JwtSigner;
import io.github.ghapp.auth.TokenStore;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

/**
 * The {@link GitHubApp} bean, from the {@code ghapp.*} properties ({@link GitHubAppProperties}). A
 * {@link JwtSigner} bean replaces the private key (a key kept in a KMS), a {@link TokenStore} bean
 * the in-process token store, a {@link GitHubAppListener} bean listens, and {@link
 * GitHubAppCustomizer} beans set anything else. A {@code GitHubApp} bean of the application's own
 * replaces this one.
 *
 * <p>A missing or unusable setting fails the start with one line naming the property, and what to
 * do (see {@link GitHubAppFailureAnalyzer}); a key is never shown.
 */
@AutoConfiguration
@ConditionalOnClass(GitHubApp.class)
@EnableConfigurationProperties(GitHubAppProperties.class)
public class GitHubAppAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  GitHubApp gitHubApp(
      GitHubAppProperties properties,
      ResourceLoader resources,
      ObjectProvider<JwtSigner> signer,
      ObjectProvider<TokenStore> tokenStore,
      ObjectProvider<GitHubAppListener> listener,
      ObjectProvider<GitHubAppCustomizer> customizers) {
    GitHubAppBuilder builder = GitHubApp.builder();
    identity(builder, properties);
    JwtSigner kms = signer.getIfUnique();
    keys(builder, properties, resources, kms);
    if (properties.getBaseUrl() != null) {
      set("ghapp.base-url", () -> builder.baseUrl(properties.getBaseUrl()));
    }
    if (properties.getApiVersion() != null) {
      set("ghapp.api-version", () -> builder.apiVersion(properties.getApiVersion()));
    }
    GitHubAppProperties.Token token = properties.getToken();
    duration("ghapp.token.refresh-margin", token.getRefreshMargin(), builder::refreshMargin);
    duration("ghapp.token.expiry-margin", token.getExpiryMargin(), builder::expiryMargin);
    duration("ghapp.token.refresh-jitter", token.getRefreshJitter(), builder::refreshJitter);
    GitHubAppProperties.Http http = properties.getHttp();
    if (http.getMaxAttempts() != null) {
      set("ghapp.http.max-attempts", () -> builder.maxAttempts(http.getMaxAttempts()));
    }
    duration("ghapp.http.retry-backoff", http.getRetryBackoff(), builder::retryBackoff);
    duration("ghapp.http.deadline", http.getDeadline(), builder::deadline);
    tokenStore.ifUnique(builder::tokenStore);
    List<GitHubAppListener> listeners = listener.orderedStream().toList();
    if (!listeners.isEmpty()) {
      // Each guarded on its own: the metrics keep counting when an application's listener throws.
      builder.listener(
          listeners.size() == 1
              ? listeners.get(0)
              : GitHubAppListener.all(listeners.toArray(GitHubAppListener[]::new)));
    }
    customizers.orderedStream().forEach(c -> c.customize(builder));
    try {
      return builder.build();
    } catch (IllegalStateException | IllegalArgumentException e) {
      // Margins that contradict each other (the properties are checked one by one above).
      throw new GitHubAppConfigurationException(
          "ghapp: " + e.getMessage(),
          "Correct the ghapp.* properties (or the GitHubAppCustomizer) named above.",
          e);
    }
  }

  private static void identity(GitHubAppBuilder builder, GitHubAppProperties properties) {
    Long appId = properties.getAppId();
    String clientId = properties.getClientId();
    if (appId == null && (clientId == null || clientId.isBlank())) {
      throw new GitHubAppConfigurationException(
          "ghapp.client-id or ghapp.app-id is required: which GitHub App is this service?",
          "Set ghapp.client-id to the app's client ID (e.g. Iv23liABC), or ghapp.app-id to its"
              + " numeric App ID; both are on the app's settings page.");
    }
    if (appId != null && clientId != null) {
      throw new GitHubAppConfigurationException(
          "ghapp.client-id and ghapp.app-id are both set",
          "Remove one of them; the client ID is the one GitHub recommends.");
    }
    if (appId != null) {
      set("ghapp.app-id", () -> builder.appId(appId));
    } else {
      set("ghapp.client-id", () -> builder.clientId(clientId.strip()));
    }
  }

  private static void keys(
      GitHubAppBuilder builder,
      GitHubAppProperties properties,
      ResourceLoader resources,
      JwtSigner kms) {
    String key = properties.getPrivateKey();
    boolean hasKey = key != null && !key.isBlank();
    if (kms != null) {
      if (hasKey) {
        throw new GitHubAppConfigurationException(
            "ghapp.private-key is set, and a JwtSigner bean signs the app's JWTs too",
            "Remove ghapp.private-key, or the JwtSigner bean.");
      }
      builder.signer(kms);
      return;
    }
    if (!hasKey) {
      throw new GitHubAppConfigurationException(
          "ghapp.private-key is required to sign the app's JWTs",
          String.format(PrivateKeys.ACTION, "ghapp.private-key"));
    }
    String pem = PrivateKeys.pem("ghapp.private-key", key, resources);
    set("ghapp.private-key", () -> builder.privateKey(pem));
    int i = 0;
    for (String more : properties.getAdditionalPrivateKeys()) {
      String property = "ghapp.additional-private-keys[" + i++ + "]";
      String morePem = PrivateKeys.pem(property, more, resources);
      set(property, () -> builder.addPrivateKey(morePem));
    }
  }

  private static void duration(String property, Duration value, Consumer<Duration> setter) {
    if (value != null) {
      set(property, () -> setter.accept(value));
    }
  }

  /** Applies one property, turning ghapp's refusal into a message that names the property. */
  static void set(String property, Runnable setter) {
    try {
      setter.run();
    } catch (IllegalArgumentException e) {
      // ghapp's messages never hold a key (PrivateKeyException included) and end without a dot.
      throw new GitHubAppConfigurationException(
          property + ": " + e.getMessage(), "Correct " + property + ".", e);
    }
  }
}
