package io.github.ghapp.spring.boot.autoconfigure;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code ghapp.webhooks.secret} has a value, in any of its forms (one value, a YAML
 * list, {@code secret[0]}), which {@code @ConditionalOnProperty} cannot see all of: a service that
 * only calls GitHub gets no receiver.
 */
class OnWebhookSecretCondition extends SpringBootCondition {
  static final String PROPERTY = "ghapp.webhooks.secret";

  @Override
  public ConditionOutcome getMatchOutcome(
      ConditionContext context, AnnotatedTypeMetadata metadata) {
    List<String> secrets =
        Binder.get(context.getEnvironment())
            .bind(PROPERTY, Bindable.listOf(String.class))
            .orElse(List.of());
    return secrets.isEmpty()
        ? ConditionOutcome.noMatch(PROPERTY + " is not set")
        : ConditionOutcome.match(PROPERTY + " is set");
  }
}
