package io.github.ghapp.spring.boot.test;

import io.github.ghapp.emulator.EmulatedApp;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Points the emulated App's webhook at the application's server once it has a port (the main
 * server, not a separate management one), so its deliveries reach the application's own endpoint.
 * Only loaded when Boot's web server module is on the class path.
 */
final class WebhookUrlUpdater implements ApplicationListener<WebServerInitializedEvent> {
  private final ApplicationContext context;
  private final EmulatedApp app;
  private final String secret;

  WebhookUrlUpdater(ApplicationContext context, EmulatedApp app, String secret) {
    this.context = context;
    this.app = app;
    this.secret = secret;
  }

  @Override
  public void onApplicationEvent(WebServerInitializedEvent event) {
    if (event.getApplicationContext() != context
        || event.getApplicationContext().getServerNamespace() != null) {
      return;
    }
    Environment env = context.getEnvironment();
    String contextPath = env.getProperty("server.servlet.context-path", "");
    if (contextPath.endsWith("/")) {
      contextPath = contextPath.substring(0, contextPath.length() - 1);
    }
    String path = env.getProperty("ghapp.webhooks.path", "/api/github/webhooks");
    app.setWebhook(
        "http://127.0.0.1:" + event.getWebServer().getPort() + contextPath + path, secret);
  }
}
