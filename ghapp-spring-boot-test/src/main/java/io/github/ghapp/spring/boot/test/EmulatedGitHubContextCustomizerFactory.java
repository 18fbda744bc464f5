package io.github.ghapp.spring.boot.test;

import java.util.List;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Finds {@link EmulatedGitHub} on a test class (or an enclosing one, for {@code @Nested} tests);
 * registered in {@code META-INF/spring.factories}, as Boot's own test customizers are.
 */
class EmulatedGitHubContextCustomizerFactory implements ContextCustomizerFactory {

  @Override
  public ContextCustomizer createContextCustomizer(
      Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
    EmulatedGitHub annotation =
        TestContextAnnotationUtils.findMergedAnnotation(testClass, EmulatedGitHub.class);
    return annotation == null ? null : new EmulatedGitHubContextCustomizer(annotation);
  }
}
