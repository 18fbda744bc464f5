package io.github.ghapp.auth;

/** GitHub answered with a server error (5xx) every time ghapp tried within its retry deadline. */
public class ServerErrorException extends GitHubException {
  public ServerErrorException(String message, ErrorDetails details) {
    super(message, details, true);
  }
}
