package io.github.ghapp.auth;

/**
 * The token may see the resource but lacks the permission the operation needs ({@code 403 Resource
 * not accessible by integration}).
 */
public class ResourceNotAccessibleException extends GitHubException {
  public ResourceNotAccessibleException(String message, ErrorDetails details) {
    super(message, details, false);
  }
}
