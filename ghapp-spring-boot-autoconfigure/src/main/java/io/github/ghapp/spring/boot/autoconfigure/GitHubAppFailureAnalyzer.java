package io.github.ghapp.spring.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link GitHubAppConfigurationException} anywhere in a failed start-up's causes into
 * Boot's "APPLICATION FAILED TO START" report: one line saying what is wrong, one saying what to
 * do, and no stack trace. Registered in {@code META-INF/spring.factories}.
 */
class GitHubAppFailureAnalyzer extends AbstractFailureAnalyzer<GitHubAppConfigurationException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, GitHubAppConfigurationException cause) {
    return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
  }
}
