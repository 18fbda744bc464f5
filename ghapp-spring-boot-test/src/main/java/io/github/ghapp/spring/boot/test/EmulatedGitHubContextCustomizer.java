package io.github.ghapp.spring.boot.test;

import io.github.ghapp.emulator.EmulatedApp;
import io.github.ghapp.emulator.GitHubEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.ClassUtils;

/**
 * Starts one emulator for one application context, as {@link EmulatedGitHub} says. Equal
 * annotations make equal customizers, so Spring's context cache shares a context, and its emulator,
 * between test classes configured alike.
 */
final class EmulatedGitHubContextCustomizer implements ContextCustomizer {
  static final String BEAN_NAME = "gitHubEmulator";
  private static final String WEB_SERVER_EVENT =
      "org.springframework.boot.web.server.context.WebServerInitializedEvent";

  private final String state;
  private final long appId;
  private final String webhookSecret;
  private final boolean ghes;

  EmulatedGitHubContextCustomizer(EmulatedGitHub annotation) {
    this.state = annotation.state();
    this.appId = annotation.appId();
    this.webhookSecret = annotation.webhookSecret();
    this.ghes = annotation.ghes();
  }

  @Override
  public void customizeContext(
      ConfigurableApplicationContext context, MergedContextConfiguration config) {
    GitHubEmulator.Builder builder = GitHubEmulator.builder().ghes(ghes);
    if (state.isEmpty()) {
      builder.demoState();
    } else {
      builder.stateYaml(readState(context.getClassLoader()));
    }
    GitHubEmulator emulator = builder.build().start();
    context.addApplicationListener(
        event -> {
          if (event instanceof ContextClosedEvent closed
              && closed.getApplicationContext() == context) {
            emulator.close();
          }
        });
    EmulatedApp app = appId == 0 ? emulator.apps().get(0) : emulator.app(appId);
    String secret = webhookSecret.isEmpty() ? randomSecret() : webhookSecret;
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("ghapp.client-id", app.clientId());
    properties.put("ghapp.app-id", ""); // so that an application's own app-id does not conflict
    properties.put("ghapp.private-key", app.privateKeyPem());
    properties.put("ghapp.base-url", emulator.baseUrl().toString());
    properties.put("ghapp.webhooks.secret", secret);
    context
        .getEnvironment()
        .getPropertySources()
        .addFirst(new MapPropertySource("emulatedGitHub", properties));
    context.getBeanFactory().registerSingleton(BEAN_NAME, emulator);
    if (ClassUtils.isPresent(WEB_SERVER_EVENT, context.getClassLoader())) {
      context.addApplicationListener(new WebhookUrlUpdater(context, app, secret));
    }
  }

  private String readState(ClassLoader loader) {
    try (InputStream resource = loader == null ? null : loader.getResourceAsStream(state)) {
      if (resource != null) {
        return new String(resource.readAllBytes(), StandardCharsets.UTF_8);
      }
      Path file = Path.of(state);
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(
            "@EmulatedGitHub(state = \""
                + state
                + "\") is neither a classpath resource nor a file; give the state's resource name,"
                + " e.g. \"github-state.yaml\" in src/test/resources");
      }
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the emulator's state " + state, e);
    }
  }

  private static String randomSecret() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EmulatedGitHubContextCustomizer other
        && state.equals(other.state)
        && appId == other.appId
        && webhookSecret.equals(other.webhookSecret)
        && ghes == other.ghes;
  }

  @Override
  public int hashCode() {
    return Objects.hash(state, appId, webhookSecret, ghes);
  }
}
