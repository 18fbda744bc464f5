package io.github.ghapp.spring.boot.autoconfigure;

import io.github.ghapp.webhooks.Webhooks;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;

/**
 * Finds the {@link GitHubWebhook} methods of every singleton bean once all of them exist, checks
 * each, and registers them with the {@link Webhooks} bean, as Spring's own {@code @EventListener}
 * methods are found. This runs before the web server starts, so no delivery is accepted before its
 * handlers are in place. Every method that does not fit is named at once, in one failure.
 */
class WebhookMethodRegistrar implements SmartInitializingSingleton, BeanFactoryAware {
  private ConfigurableListableBeanFactory beans;

  @Override
  public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
    this.beans = (ConfigurableListableBeanFactory) beanFactory;
  }

  @Override
  public void afterSingletonsInstantiated() {
    List<WebhookMethod> found = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (String name : beans.getBeanNamesForType(Object.class, false, false)) {
      if (ScopedProxyUtils.isScopedTarget(name)) {
        continue;
      }
      Class<?> type = AutoProxyUtils.determineTargetClass(beans, name);
      if (type == null || !AnnotationUtils.isCandidateClass(type, GitHubWebhook.class)) {
        continue;
      }
      Map<Method, GitHubWebhook> annotated =
          MethodIntrospector.selectMethods(
              type,
              (MethodIntrospector.MetadataLookup<GitHubWebhook>)
                  m -> AnnotatedElementUtils.findMergedAnnotation(m, GitHubWebhook.class));
      for (Map.Entry<Method, GitHubWebhook> e : annotated.entrySet()) {
        try {
          found.add(WebhookMethod.of(name, e.getKey(), e.getValue()));
        } catch (IllegalArgumentException wrong) {
          problems.add(wrong.getMessage());
        }
      }
    }
    if (found.isEmpty() && problems.isEmpty()) {
      return;
    }
    failOn(problems);
    Webhooks hooks = beans.getBeanProvider(Webhooks.class).getIfUnique();
    if (hooks == null) {
      throw new GitHubAppConfigurationException(
          "@GitHubWebhook methods ("
              + found.get(0).describe()
              + (found.size() > 1 ? " and " + (found.size() - 1) + " more" : "")
              + ") have no receiver: ghapp.webhooks.secret is not set",
          "Set ghapp.webhooks.secret to the App's webhook secret (its settings page, \"Webhook"
              + " secret\").");
    }
    for (WebhookMethod method : found) {
      try {
        Object bean = method.isStatic() ? null : beans.getBean(method.beanName());
        Method invocable =
            bean == null
                ? method.method()
                : AopUtils.selectInvocableMethod(method.method(), bean.getClass());
        method.register(hooks, bean, invocable);
      } catch (IllegalArgumentException wrong) {
        problems.add(wrong.getMessage());
      }
    }
    failOn(problems);
  }

  private static void failOn(List<String> problems) {
    if (!problems.isEmpty()) {
      throw new GitHubAppConfigurationException(
          String.join("; ", problems),
          "A @GitHubWebhook method takes any of WebhookEvent, GitHubClient and JsonNode and"
              + " returns void or a CompletionStage; its events are names such as issues or"
              + " issues.opened.");
    }
  }
}
