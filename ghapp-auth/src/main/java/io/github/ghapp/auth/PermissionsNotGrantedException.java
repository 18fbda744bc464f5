package io.github.ghapp.auth;

/**
 * GitHub refused to mint a token with the requested permissions ({@code 422 The permissions
 * requested are not granted to this installation.}): a permission is unknown, not granted to the
 * installation, or asked at a level above its grant.
 */
public class PermissionsNotGrantedException extends GitHubException {
  public PermissionsNotGrantedException(String message, ErrorDetails details) {
    super(message, details, false);
  }
}
