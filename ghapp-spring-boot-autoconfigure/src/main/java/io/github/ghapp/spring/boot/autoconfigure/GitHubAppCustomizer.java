package io.github.ghapp.spring.boot.autoconfigure;

import io.github.ghapp.auth.GitHubAppBuilder;

/**
 * Changes the auto-configured {@code GitHubApp} beyond what the {@code ghapp.*} properties say: a
 * bean of this type is called with the builder after the properties were applied, before {@code
 * build()}. Each builder setting may be given once, so set only what no property sets.
 *
 * <pre>{@code
 * @Bean
 * GitHubAppCustomizer backgroundRefresh(Executor refreshes) {
 *   return builder -> builder.refreshExecutor(refreshes);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface GitHubAppCustomizer {
  void customize(GitHubAppBuilder builder);
}
