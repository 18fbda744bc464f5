package io.github.ghapp.spring.boot.autoconfigure;

import io.github.ghapp.webhooks.Webhooks;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The webhook endpoint of a reactive (WebFlux) application, on its own server: a route at {@code
 * ghapp.webhooks.path} that joins the body (up to GitHub's 25 MB; WebFlux's own 256 KiB limit is
 * not used) and verifies and dispatches it off the event loop. A bean named {@code
 * gitHubWebhookRoute} of the application's own replaces it.
 */
@AutoConfiguration(after = GitHubWebhooksAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({RouterFunction.class, Webhooks.class})
@ConditionalOnBean(Webhooks.class)
public class GitHubWebhookReactiveAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = "gitHubWebhookRoute")
  RouterFunction<ServerResponse> gitHubWebhookRoute(
      Webhooks hooks, GitHubAppProperties properties) {
    return RouterFunctions.route(
        RequestPredicates.path(WebhookPath.of(properties)), request -> receive(hooks, request));
  }

  private static Mono<ServerResponse> receive(Webhooks hooks, ServerRequest request) {
    if (!HttpMethod.POST.equals(request.method())) {
      return answer(405, "only POST is accepted here");
    }
    return DataBufferUtils.join(
            request.body(BodyExtractors.toDataBuffers()), Webhooks.DEFAULT_MAX_PAYLOAD_BYTES)
        .map(GitHubWebhookReactiveAutoConfiguration::bytes)
        .defaultIfEmpty(new byte[0])
        .publishOn(Schedulers.boundedElastic())
        .map(body -> hooks.handle(request.headers().asHttpHeaders().toSingleValueMap(), body))
        .flatMap(result -> answer(result.status(), result.message()))
        .onErrorResume(
            DataBufferLimitException.class,
            tooLarge -> answer(413, "payload too large: GitHub sends at most 25 MB"));
  }

  private static byte[] bytes(DataBuffer buffer) {
    try {
      byte[] bytes = new byte[buffer.readableByteCount()];
      buffer.read(bytes);
      return bytes;
    } finally {
      DataBufferUtils.release(buffer);
    }
  }

  private static Mono<ServerResponse> answer(int status, String message) {
    return ServerResponse.status(status)
        .contentType(MediaType.TEXT_PLAIN)
        .bodyValue(message + "\n");
  }
}
