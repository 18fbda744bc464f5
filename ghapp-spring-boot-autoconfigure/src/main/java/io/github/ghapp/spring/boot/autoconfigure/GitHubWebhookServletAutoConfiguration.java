package io.github.ghapp.spring.boot.autoconfigure;

import io.github.ghapp.webhooks.Webhooks;
import io.github.ghapp.webhooks.servlet.WebhookServlet;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * The webhook endpoint on the application's own servlet server (Tomcat, Jetty), no second port:
 * {@link WebhookServlet} at {@code ghapp.webhooks.path}, under the server's context path. A bean
 * named {@code gitHubWebhookServlet} of the application's own replaces it.
 */
@AutoConfiguration(after = GitHubWebhooksAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ServletRegistrationBean.class, WebhookServlet.class})
@ConditionalOnBean(Webhooks.class)
public class GitHubWebhookServletAutoConfiguration {
  @Bean
  @ConditionalOnMissingBean(name = "gitHubWebhookServlet")
  ServletRegistrationBean<WebhookServlet> gitHubWebhookServlet(
      Webhooks hooks, GitHubAppProperties properties) {
    String path = WebhookPath.of(properties);
    ServletRegistrationBean<WebhookServlet> registration =
        new ServletRegistrationBean<>(new WebhookServlet(hooks), path);
    registration.setName("gitHubWebhookServlet");
    registration.setLoadOnStartup(1);
    return registration;
  }
}
