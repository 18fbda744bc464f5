package io.github.ghapp.spring.boot.autoconfigure;

import static io.github.ghapp.spring.boot.autoconfigure.GitHubAppAutoConfigurationTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ghapp.webhooks.WebhookErrorHandler;
import io.github.ghapp.webhooks.WebhookEvent;
import io.github.ghapp.webhooks.WebhookSignature;
import io.github.ghapp.webhooks.Webhooks;
import io.github.ghapp.webhooks.servlet.WebhookServlet;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;

class GitHubWebhooksAutoConfigurationTest {
  static final AutoConfigurations ALL =
      AutoConfigurations.of(
          GitHubAppAutoConfiguration.class,
          GitHubWebhooksAutoConfiguration.class,
          GitHubWebhookServletAutoConfiguration.class,
          GitHubWebhookReactiveAutoConfiguration.class);
  static final String[] APP = {"ghapp.client-id=Iv23liTest", "ghapp.private-key=" + TestKeys.PEM};

  final ApplicationContextRunner runner =
      new ApplicationContextRunner().withConfiguration(ALL).withPropertyValues(APP);
  final WebApplicationContextRunner web =
      new WebApplicationContextRunner().withConfiguration(ALL).withPropertyValues(APP);
  final ReactiveWebApplicationContextRunner reactive =
      new ReactiveWebApplicationContextRunner().withConfiguration(ALL).withPropertyValues(APP);

  @Test
  void noSecret_noReceiver() {
    runner.run(context -> assertThat(context).doesNotHaveBean(Webhooks.class));
  }

  @Test
  void secret_makesTheReceiver_thatChecksIt() {
    runner
        .withPropertyValues("ghapp.webhooks.secret=s3cret")
        .run(
            context -> {
              Webhooks hooks = context.getBean(Webhooks.class);
              assertThat(Deliveries.deliver(hooks, "s3cret", "ping", "{}").status()).isEqualTo(202);
              assertThat(Deliveries.deliver(hooks, "other", "ping", "{}").status()).isEqualTo(401);
            });
  }

  @Test
  void severalSecrets_whileRotating_areEachAccepted() {
    runner
        .withPropertyValues("ghapp.webhooks.secret[0]=old", "ghapp.webhooks.secret[1]=new")
        .run(
            context -> {
              Webhooks hooks = context.getBean(Webhooks.class);
              assertThat(Deliveries.deliver(hooks, "old", "ping", "{}").status()).isEqualTo(202);
              assertThat(Deliveries.deliver(hooks, "new", "ping", "{}").status()).isEqualTo(202);
            });
  }

  @Test
  void secretWithACommaInIt_isOneSecret() {
    runner
        .withPropertyValues("ghapp.webhooks.secret=a,b")
        .run(
            context -> {
              Webhooks hooks = context.getBean(Webhooks.class);
              assertThat(Deliveries.deliver(hooks, "a,b", "ping", "{}").status()).isEqualTo(202);
              assertThat(Deliveries.deliver(hooks, "a", "ping", "{}").status()).isEqualTo(401);
            });
  }

  @Test
  void sameSecretTwice_failsNamingTheProperty() {
    runner
        .withPropertyValues("ghapp.webhooks.secret[0]=x", "ghapp.webhooks.secret[1]=x")
        .run(
            context ->
                assertThat(failure(context).getDescription())
                    .startsWith("ghapp.webhooks.secret[1]: ")
                    .doesNotContain("=x"));
  }

  @Test
  void badWorkers_failNamingTheProperties() {
    runner
        .withPropertyValues("ghapp.webhooks.secret=s", "ghapp.webhooks.threads=0")
        .run(
            context ->
                assertThat(failure(context).getDescription())
                    .startsWith("ghapp.webhooks.threads/queue-capacity: "));
  }

  @Test
  void servletApp_getsTheEndpointAtTheDefaultPath() {
    web.withPropertyValues("ghapp.webhooks.secret=s")
        .run(
            context -> {
              ServletRegistrationBean<?> endpoint =
                  context.getBean("gitHubWebhookServlet", ServletRegistrationBean.class);
              assertThat(endpoint.getServlet()).isInstanceOf(WebhookServlet.class);
              assertThat(endpoint.getUrlMappings()).containsExactly("/api/github/webhooks");
            });
  }

  @Test
  void path_movesTheEndpoint() {
    web.withPropertyValues("ghapp.webhooks.secret=s", "ghapp.webhooks.path=/hooks/github")
        .run(
            context ->
                assertThat(
                        context
                            .getBean("gitHubWebhookServlet", ServletRegistrationBean.class)
                            .getUrlMappings())
                    .containsExactly("/hooks/github"));
  }

  @Test
  void pathThatIsNoPath_fails() {
    web.withPropertyValues("ghapp.webhooks.secret=s", "ghapp.webhooks.path=hooks/*")
        .run(
            context ->
                assertThat(failure(context).getDescription())
                    .startsWith("ghapp.webhooks.path 'hooks/*' is not a path on this server"));
  }

  @Test
  void reactiveApp_getsARoute_thatAnswersAsTheReceiver() {
    reactive
        .withPropertyValues("ghapp.webhooks.secret=s", "ghapp.webhooks.path=/hooks")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean("gitHubWebhookServlet");
              WebTestClient client =
                  WebTestClient.bindToRouterFunction(
                          context.getBean("gitHubWebhookRoute", RouterFunction.class))
                      .build();
              byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
              client
                  .post()
                  .uri("/hooks")
                  .header("Content-Type", "application/json")
                  .header("X-GitHub-Event", "ping")
                  .header("X-GitHub-Delivery", "d-1")
                  .header("X-Hub-Signature-256", WebhookSignature.sign("s", body))
                  .bodyValue(body)
                  .exchange()
                  .expectStatus()
                  .isEqualTo(202);
              client
                  .post()
                  .uri("/hooks")
                  .header("Content-Type", "application/json")
                  .header("X-GitHub-Event", "ping")
                  .header("X-GitHub-Delivery", "d-2")
                  .bodyValue(body)
                  .exchange()
                  .expectStatus()
                  .isEqualTo(401);
              client.get().uri("/hooks").exchange().expectStatus().isEqualTo(405);
            });
  }

  @Test
  void nonWebApp_getsNoEndpoint() {
    runner
        .withPropertyValues("ghapp.webhooks.secret=s")
        .run(context -> assertThat(context).doesNotHaveBean("gitHubWebhookServlet"));
  }

  @Test
  void annotatedMethods_handleTheirEvents_syncAndAsync() {
    runner
        .withPropertyValues("ghapp.webhooks.secret=s")
        .withUserConfiguration(Handlers.class)
        .run(
            context -> {
              Handlers handlers = context.getBean(Handlers.class);
              Webhooks hooks = context.getBean(Webhooks.class);
              Deliveries.deliver(hooks, "s", "issues", Deliveries.ISSUE_OPENED);
              assertThat(handlers.opened.await(10, TimeUnit.SECONDS)).isTrue();
              assertThat(handlers.async.await(10, TimeUnit.SECONDS)).isTrue();
              assertThat(handlers.any.await(10, TimeUnit.SECONDS)).isTrue();
              assertThat(handlers.number).isEqualTo(1);
            });
  }

  @Test
  void handlerFailure_reachesErrorHandlerBeans() {
    runner
        .withPropertyValues("ghapp.webhooks.secret=s")
        .withUserConfiguration(Failing.class)
        .run(
            context -> {
              Deliveries.deliver(context.getBean(Webhooks.class), "s", "ping", "{}");
              assertThat(context.getBean(Failing.class).reported.await(10, TimeUnit.SECONDS))
                  .isTrue();
            });
  }

  @Test
  void handlerWithAParameterNoEventSupplies_failsNamingTheMethod() {
    runner
        .withPropertyValues("ghapp.webhooks.secret=s")
        .withUserConfiguration(WrongParameter.class)
        .run(
            context ->
                assertThat(failure(context).getDescription())
                    .isEqualTo(
                        WrongParameter.class.getName()
                            + ".handle(WebhookEvent, String): parameter 2 is a String, which a"
                            + " webhook event cannot supply (WebhookEvent, GitHubClient, JsonNode)"));
  }

  @Test
  void handlerReturningAValue_failsNamingTheMethod() {
    runner
        .withPropertyValues("ghapp.webhooks.secret=s")
        .withUserConfiguration(WrongReturn.class)
        .run(
            context ->
                assertThat(failure(context).getDescription())
                    .startsWith(
                        WrongReturn.class.getName() + ".handle(WebhookEvent) returns String"));
  }

  @Test
  void handlerOfNoEventName_failsNamingTheMethod() {
    runner
        .withPropertyValues("ghapp.webhooks.secret=s")
        .withUserConfiguration(WrongEvent.class)
        .run(
            context ->
                assertThat(failure(context).getDescription())
                    .startsWith(
                        WrongEvent.class.getName() + ".handle(WebhookEvent): 'Issues Opened'"));
  }

  @Test
  void handlersWithoutASecret_failSayingSo() {
    runner
        .withUserConfiguration(WrongReturn.class, Handlers.class)
        .run(context -> assertThat(failure(context).getDescription()).contains("returns String"));
    runner
        .withUserConfiguration(Handlers.class)
        .run(
            context ->
                assertThat(failure(context).getDescription())
                    .endsWith("have no receiver: ghapp.webhooks.secret is not set"));
  }

  @Configuration(proxyBeanMethods = false)
  static class Handlers {
    final CountDownLatch opened = new CountDownLatch(1);
    final CountDownLatch async = new CountDownLatch(1);
    final CountDownLatch any = new CountDownLatch(1);
    volatile int number;

    @GitHubWebhook("issues.opened")
    void onOpened(JsonNode payload, WebhookEvent event) {
      number = payload.path("issue").path("number").asInt();
      assertThat(event.qualifiedName()).isEqualTo("issues.opened");
      opened.countDown();
    }

    @GitHubWebhook({"issues", "pull_request"})
    CompletionStage<Void> onIssues(WebhookEvent event) {
      return CompletableFuture.runAsync(async::countDown);
    }

    @GitHubWebhook
    void onAny() {
      any.countDown();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Failing {
    final CountDownLatch reported = new CountDownLatch(1);

    @GitHubWebhook("ping")
    void fail(WebhookEvent event) {
      throw new IllegalStateException("handler broke");
    }

    @Bean
    WebhookErrorHandler report() {
      return (event, error) -> {
        if ("handler broke".equals(error.getMessage())) {
          reported.countDown();
        }
      };
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class WrongParameter {
    @GitHubWebhook("issues")
    void handle(WebhookEvent event, String extra) {}
  }

  @Configuration(proxyBeanMethods = false)
  static class WrongReturn {
    @GitHubWebhook("issues")
    String handle(WebhookEvent event) {
      return "done";
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class WrongEvent {
    @GitHubWebhook("Issues Opened")
    void handle(WebhookEvent event) {}
  }
}
