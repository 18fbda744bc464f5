package io.github.ghapp.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.GitHubAppListener;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.SpringFactoriesLoader;

class GitHubAppAutoConfigurationTest {
  static final ApplicationContextRunner RUNNER =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(GitHubAppAutoConfiguration.class));

  static ApplicationContextRunner configured() {
    return RUNNER.withPropertyValues(
        "ghapp.client-id=Iv23liTest", "ghapp.private-key=" + TestKeys.PEM);
  }

  /** What a user sees in place of a stack trace, or fails when start-up did not fail. */
  static FailureAnalysis failure(ApplicationContextAssertProvider<?> context) {
    assertThat(context.getStartupFailure()).as("start-up failure").isNotNull();
    FailureAnalysis analysis = new GitHubAppFailureAnalyzer().analyze(context.getStartupFailure());
    assertThat(analysis).as("analysed: " + context.getStartupFailure()).isNotNull();
    assertThat(analysis.getDescription())
        .doesNotContain("\n")
        .doesNotContain(TestKeys.PEM.substring(40, 80))
        .doesNotContain(TestKeys.PEM_BASE64.substring(40, 80));
    return analysis;
  }

  @Test
  void clientIdAndPemKey_makeTheGitHubAppBean() {
    configured()
        .run(
            context -> {
              GitHubApp app = context.getBean(GitHubApp.class);
              assertThat(app.baseUrl()).isEqualTo(URI.create("https://api.github.com"));
              assertThat(app.jwt()).isNotBlank();
            });
  }

  @Test
  void appId_isEnoughToo() {
    RUNNER
        .withPropertyValues("ghapp.app-id=1001", "ghapp.private-key=" + TestKeys.PEM)
        .run(context -> assertThat(context).hasSingleBean(GitHubApp.class));
  }

  @Test
  void keyAsBase64_isDecoded() {
    RUNNER
        .withPropertyValues("ghapp.app-id=1001", "ghapp.private-key=" + TestKeys.PEM_BASE64)
        .run(context -> assertThat(context).hasSingleBean(GitHubApp.class));
  }

  @Test
  void keyWithEscapedNewlines_asInEnvironmentVariables_isRead() {
    RUNNER
        .withPropertyValues(
            "ghapp.app-id=1001", "ghapp.private-key=" + TestKeys.PEM.replace("\n", "\\n"))
        .run(context -> assertThat(context).hasSingleBean(GitHubApp.class));
  }

  @Test
  void keyAsFileLocation_isRead(@TempDir Path dir) throws IOException {
    Path pem = Files.writeString(dir.resolve("app.pem"), TestKeys.PEM);
    RUNNER
        .withPropertyValues("ghapp.app-id=1001", "ghapp.private-key=" + pem.toUri())
        .run(context -> assertThat(context).hasSingleBean(GitHubApp.class));
  }

  @Test
  void keyAsClasspathLocation_isRead(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("test-app.pem"), TestKeys.PEM);
    RUNNER
        .withClassLoader(new java.net.URLClassLoader(new java.net.URL[] {dir.toUri().toURL()}))
        .withPropertyValues("ghapp.app-id=1001", "ghapp.private-key=classpath:test-app.pem")
        .run(context -> assertThat(context).hasSingleBean(GitHubApp.class));
  }

  @Test
  void baseUrlAndMargins_areApplied() {
    configured()
        .withPropertyValues(
            "ghapp.base-url=https://ghe.example.com",
            "ghapp.token.refresh-margin=20m",
            "ghapp.token.expiry-margin=2m",
            "ghapp.token.refresh-jitter=30s",
            "ghapp.http.max-attempts=2",
            "ghapp.http.retry-backoff=100ms",
            "ghapp.http.deadline=20s",
            "ghapp.api-version=2022-11-28")
        .run(
            context ->
                assertThat(context.getBean(GitHubApp.class).baseUrl().toString())
                    .startsWith("https://ghe.example.com"));
  }

  @Test
  void missingAppId_failsNamingBothProperties() {
    RUNNER
        .withPropertyValues("ghapp.private-key=" + TestKeys.PEM)
        .run(
            context -> {
              FailureAnalysis analysis = failure(context);
              assertThat(analysis.getDescription())
                  .isEqualTo(
                      "ghapp.client-id or ghapp.app-id is required: which GitHub App is this"
                          + " service?");
              assertThat(analysis.getAction()).contains("settings page");
            });
  }

  @Test
  void appIdAndClientId_bothSet_fail() {
    configured()
        .withPropertyValues("ghapp.app-id=1001")
        .run(context -> assertThat(failure(context).getDescription()).contains("both set"));
  }

  @Test
  void missingKey_failsNamingTheProperty() {
    RUNNER
        .withPropertyValues("ghapp.client-id=Iv23liTest")
        .run(
            context ->
                assertThat(failure(context).getDescription())
                    .isEqualTo("ghapp.private-key is required to sign the app's JWTs"));
  }

  @Test
  void badPem_failsWithGhappsMessage_withoutTheKey() {
    String broken =
        "-----BEGIN RSA PRIVATE KEY-----\nTUlJRXBBSUJBQUtDQVFFQTJzZWNyZXQ=\n-----END RSA PRIVATE KEY-----";
    RUNNER
        .withPropertyValues("ghapp.client-id=Iv23liTest", "ghapp.private-key=" + broken)
        .run(
            context -> {
              FailureAnalysis analysis = failure(context);
              assertThat(analysis.getDescription())
                  .startsWith("ghapp.private-key: ")
                  .doesNotContain("TUlJRXBBSUJBQUtDQVFFQTJzZWNyZXQ");
              assertThat(analysis.getAction()).contains("ghapp.private-key");
            });
  }

  @Test
  void valueThatIsNoKeyNorLocation_failsSayingTheForms() {
    RUNNER
        .withPropertyValues("ghapp.client-id=Iv23liTest", "ghapp.private-key=hunter2 or so")
        .run(
            context ->
                assertThat(failure(context).getDescription())
                    .isEqualTo(
                        "ghapp.private-key is neither PEM text (-----BEGIN ...), the base64 of a"
                            + " PEM file, nor a resource location (file:..., classpath:...)")
                    .doesNotContain("hunter2"));
  }

  @Test
  void missingKeyFile_failsNamingTheLocation(@TempDir Path dir) {
    String location = dir.resolve("gone.pem").toUri().toString();
    RUNNER
        .withPropertyValues("ghapp.client-id=Iv23liTest", "ghapp.private-key=" + location)
        .run(
            context ->
                assertThat(failure(context).getDescription())
                    .isEqualTo("ghapp.private-key names " + location + ", which does not exist"));
  }

  @Test
  void keyFileWithoutAKey_fails(@TempDir Path dir) throws IOException {
    Path notes = Files.writeString(dir.resolve("notes.txt"), "remember the milk");
    RUNNER
        .withPropertyValues("ghapp.client-id=Iv23liTest", "ghapp.private-key=" + notes.toUri())
        .run(
            context ->
                assertThat(failure(context).getDescription())
                    .endsWith("which holds no PEM private key (-----BEGIN ...)"));
  }

  @Test
  void badClientId_failsNamingTheProperty() {
    RUNNER
        .withPropertyValues("ghapp.client-id=not a client id", "ghapp.private-key=" + TestKeys.PEM)
        .run(
            context ->
                assertThat(failure(context).getDescription()).startsWith("ghapp.client-id: "));
  }

  @Test
  void badBaseUrl_failsNamingTheProperty() {
    configured()
        .withPropertyValues("ghapp.base-url=ftp://example.com")
        .run(
            context ->
                assertThat(failure(context).getDescription()).startsWith("ghapp.base-url: "));
  }

  @Test
  void contradictoryMargins_fail() {
    configured()
        .withPropertyValues("ghapp.token.refresh-margin=1m", "ghapp.token.expiry-margin=10m")
        .run(context -> assertThat(failure(context).getDescription()).startsWith("ghapp: "));
  }

  @Test
  void additionalKeys_forARotation_areRead() {
    configured()
        .withPropertyValues("ghapp.additional-private-keys[0]=" + TestKeys.PEM_BASE64)
        .run(context -> assertThat(context).hasSingleBean(GitHubApp.class));
  }

  @Test
  void applicationsOwnGitHubApp_replacesTheAutoConfiguredOne() {
    RUNNER
        .withUserConfiguration(OwnApp.class)
        .run(
            context ->
                assertThat(context.getBean(GitHubApp.class)).isSameAs(context.getBean("ownApp")));
  }

  @Test
  void listenerAndCustomizerBeans_areUsed() {
    configured()
        .withUserConfiguration(Customized.class)
        .run(
            context -> {
              assertThat(context).hasSingleBean(GitHubApp.class);
              assertThat(context.getBean(Customized.class).customized).isTrue();
            });
  }

  @Test
  void jar_registersTheAutoConfigurationsAndTheFailureAnalyzer_asBootFindsThem() {
    ClassLoader loader = getClass().getClassLoader();
    assertThat(ImportCandidates.load(AutoConfiguration.class, loader).getCandidates())
        .contains(
            GitHubAppAutoConfiguration.class.getName(),
            GitHubWebhooksAutoConfiguration.class.getName(),
            GitHubWebhookServletAutoConfiguration.class.getName(),
            GitHubWebhookReactiveAutoConfiguration.class.getName(),
            GitHubAppHealthAutoConfiguration.class.getName(),
            GitHubAppMetricsAutoConfiguration.class.getName(),
            GitHubAppRedisAutoConfiguration.class.getName());
    // Boot's own analyzers want constructor arguments; ours needs none.
    SpringFactoriesLoader.FailureHandler skipOthers = (type, name, failure) -> {};
    assertThat(
            SpringFactoriesLoader.forDefaultResourceLocation(loader)
                .load(FailureAnalyzer.class, null, skipOthers))
        .hasAtLeastOneElementOfType(GitHubAppFailureAnalyzer.class);
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnApp {
    @Bean
    GitHubApp ownApp() {
      return GitHubApp.builder().appId(7).privateKey(TestKeys.PEM).build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Customized {
    boolean customized;

    @Bean
    GitHubAppListener listener() {
      return new GitHubAppListener() {};
    }

    @Bean
    GitHubAppCustomizer customizer() {
      return builder -> customized = true;
    }
  }
}
