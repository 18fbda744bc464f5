package io.github.ghapp.auth;

/**
 * GitHub knows no app with the configured ID ({@code 404 Integration not found}): the app ID or
 * client ID is wrong, or points to an app on another GitHub (check the base URL).
 */
public class IntegrationNotFoundException extends GitHubException {
  public IntegrationNotFoundException(String message, ErrorDetails details) {
    super(message, details, false);
  }
}
