package io.github.ghapp.spring.boot.autoconfigure;

/**
 * A setting the starter cannot use: a property, a key, a handler method. Its message is one line
 * naming what is wrong; {@link GitHubAppFailureAnalyzer} shows it with {@link #action()} instead of
 * a stack trace. Neither ever holds a key or a secret.
 */
final class GitHubAppConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String action;

  GitHubAppConfigurationException(String description, String action) {
    super(description);
    this.action = action;
  }

  GitHubAppConfigurationException(String description, String action, Throwable cause) {
    super(description, cause);
    this.action = action;
  }

  String action() {
    return action;
  }
}
