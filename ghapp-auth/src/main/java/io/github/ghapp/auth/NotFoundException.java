package io.github.ghapp.auth;

/**
 * {@code 404 Not Found}: the resource does not exist, or the credentials cannot see it. GitHub
 * answers a repository outside an installation token's reach this way too, rather than with a 403.
 */
public class NotFoundException extends GitHubException {
  public NotFoundException(String message, ErrorDetails details) {
    super(message, details, false);
  }
}
