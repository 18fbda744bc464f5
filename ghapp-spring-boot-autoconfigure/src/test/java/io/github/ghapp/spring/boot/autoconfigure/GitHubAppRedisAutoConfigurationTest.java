package io.github.ghapp.spring.boot.autoconfigure;

import static io.github.ghapp.spring.boot.autoconfigure.GitHubAppAutoConfigurationTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.TokenStore;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.redis.RedisServer;
import io.github.ghapp.redis.RedisTokenStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class GitHubAppRedisAutoConfigurationTest {
  static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
  static RedisServer redis;
  static GitHubEmulator emulator;

  @BeforeAll
  static void start(@TempDir Path dir) {
    redis = RedisServer.start(dir);
    emulator = GitHubEmulator.builder().demoState().build().start();
  }

  @AfterAll
  static void stop() {
    redis.close();
    emulator.close();
  }

  ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                GitHubAppRedisAutoConfiguration.class, GitHubAppAutoConfiguration.class))
        .withPropertyValues(
            "ghapp.app-id=1001",
            "ghapp.private-key=" + emulator.app(1001).privateKeyPem(),
            "ghapp.base-url=" + emulator.baseUrl());
  }

  @Test
  void uriAndKey_shareTheAppsTokensThroughRedis_sealed() {
    runner()
        .withPropertyValues(
            "ghapp.token-store.redis.uri=" + redis.uri(),
            "ghapp.token-store.redis.sealing-key=" + KEY,
            "ghapp.token-store.redis.prefix=spring-test:")
        .run(
            context -> {
              assertThat(context).hasSingleBean(RedisTokenStore.class);
              String token = context.getBean(GitHubApp.class).tokenProvider(42).token();
              RedisClient client = RedisClient.create(redis.uri());
              try (StatefulRedisConnection<String, String> c = client.connect()) {
                assertThat(c.sync().keys("spring-test:*")).hasSize(1);
                String stored = c.sync().get(c.sync().keys("spring-test:*").get(0));
                assertThat(stored).doesNotContain(token);
              } finally {
                client.shutdown();
              }
            });
  }

  @Test
  void noUri_noRedis() {
    runner().run(context -> assertThat(context).doesNotHaveBean(RedisTokenStore.class));
  }

  @Test
  void withoutGhappRedis_theUriIsIgnored() {
    runner()
        .withClassLoader(new FilteredClassLoader(RedisTokenStore.class))
        .withPropertyValues("ghapp.token-store.redis.uri=" + redis.uri())
        .run(context -> assertThat(context).hasSingleBean(GitHubApp.class));
  }

  @Test
  void missingSealingKey_failsSayingHowToMakeOne() {
    runner()
        .withPropertyValues("ghapp.token-store.redis.uri=" + redis.uri())
        .run(
            context -> {
              assertThat(failure(context).getDescription())
                  .startsWith("ghapp.token-store.redis.sealing-key is required");
              assertThat(failure(context).getAction()).contains("openssl rand -base64 32");
            });
  }

  @Test
  void sealingKeyOfTheWrongSize_failsWithoutShowingIt() {
    String short8 = Base64.getEncoder().encodeToString("8 bytes!".getBytes());
    runner()
        .withPropertyValues(
            "ghapp.token-store.redis.uri=" + redis.uri(),
            "ghapp.token-store.redis.sealing-key=" + short8)
        .run(
            context ->
                assertThat(failure(context).getDescription())
                    .isEqualTo(
                        "ghapp.token-store.redis.sealing-key decodes to 8 bytes; an AES key is 16"
                            + " or 32")
                    .doesNotContain(short8));
  }

  @Test
  void badUri_failsNamingTheProperty_withoutThePassword() {
    runner()
        .withPropertyValues(
            "ghapp.token-store.redis.uri=http://user:hunter2@example.com",
            "ghapp.token-store.redis.sealing-key=" + KEY)
        .run(
            context ->
                assertThat(failure(context).getDescription())
                    .startsWith("ghapp.token-store.redis.uri: ")
                    .doesNotContain("hunter2"));
  }

  @Test
  void applicationsOwnTokenStore_winsOverRedis() {
    runner()
        .withUserConfiguration(OwnStore.class)
        .withPropertyValues(
            "ghapp.token-store.redis.uri=" + redis.uri(),
            "ghapp.token-store.redis.sealing-key=" + KEY)
        .run(context -> assertThat(context).doesNotHaveBean(RedisTokenStore.class));
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnStore {
    @Bean
    TokenStore ownStore() {
      return TokenStore.inMemory(100);
    }
  }
}
