package io.github.ghapp.spring.boot.autoconfigure;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ghapp.auth.GitHubClient;
import io.github.ghapp.webhooks.WebhookEvent;
import io.github.ghapp.webhooks.Webhooks;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.util.ReflectionUtils;

/**
 * One {@link GitHubWebhook} method, checked: how each parameter is filled from the event and
 * whether it is synchronous. {@link #of} refuses a method that cannot be called with an {@code
 * IllegalArgumentException} naming it.
 */
record WebhookMethod(
    String beanName,
    Method method,
    String[] events,
    Function<WebhookEvent, Object>[] arguments,
    boolean async) {

  @SuppressWarnings("unchecked")
  static WebhookMethod of(String beanName, Method method, GitHubWebhook annotation) {
    Class<?>[] types = method.getParameterTypes();
    Function<WebhookEvent, Object>[] arguments = new Function[types.length];
    for (int i = 0; i < types.length; i++) {
      arguments[i] = argument(method, i, types[i]);
    }
    Class<?> returns = method.getReturnType();
    boolean async = CompletionStage.class.isAssignableFrom(returns);
    if (!async && returns != void.class) {
      throw new IllegalArgumentException(
          describe(method)
              + " returns "
              + returns.getSimpleName()
              + ", but a @GitHubWebhook method returns void, or a CompletionStage to handle the"
              + " event asynchronously");
    }
    return new WebhookMethod(beanName, method, annotation.value(), arguments, async);
  }

  private static Function<WebhookEvent, Object> argument(Method method, int index, Class<?> type) {
    if (type == WebhookEvent.class) {
      return event -> event;
    }
    if (type == GitHubClient.class) {
      return WebhookEvent::client;
    }
    if (type == JsonNode.class) {
      return WebhookEvent::payload;
    }
    throw new IllegalArgumentException(
        describe(method)
            + ": parameter "
            + (index + 1)
            + " is a "
            + type.getSimpleName()
            + ", which a webhook event cannot supply (WebhookEvent, GitHubClient, JsonNode)");
  }

  boolean isStatic() {
    return Modifier.isStatic(method.getModifiers());
  }

  String describe() {
    return describe(method);
  }

  static String describe(Method method) {
    return method.getDeclaringClass().getName()
        + "."
        + method.getName()
        + Arrays.stream(method.getParameterTypes())
            .map(Class::getSimpleName)
            .collect(Collectors.joining(", ", "(", ")"));
  }

  /** Registers the method, called on {@code bean} through {@code invocable} (a proxy's method). */
  void register(Webhooks hooks, Object bean, Method invocable) {
    ReflectionUtils.makeAccessible(invocable);
    if (events.length == 0) {
      if (async) {
        hooks.onAnyAsync(event -> (CompletionStage<?>) invoke(bean, invocable, event));
      } else {
        hooks.onAny(event -> invoke(bean, invocable, event));
      }
      return;
    }
    for (String event : events) {
      try {
        if (async) {
          hooks.onAsync(event, e -> (CompletionStage<?>) invoke(bean, invocable, e));
        } else {
          hooks.on(event, e -> invoke(bean, invocable, e));
        }
      } catch (IllegalArgumentException badName) {
        throw new IllegalArgumentException(describe() + ": " + badName.getMessage(), badName);
      }
    }
  }

  private Object invoke(Object bean, Method invocable, WebhookEvent event) throws Exception {
    Object[] args = new Object[arguments.length];
    for (int i = 0; i < args.length; i++) {
      args[i] = arguments[i].apply(event);
    }
    try {
      return invocable.invoke(bean, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) {
        throw ex;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }
}
