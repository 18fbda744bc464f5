package io.github.ghapp.auth;

/**
 * No answer came from GitHub: the connection was refused or reset, the host was unknown, or the
 * request timed out, on every attempt within the retry deadline. {@link #status()} is 0 and the
 * cause is the last I/O failure.
 */
public class TransportException extends GitHubException {
  public TransportException(String message, ErrorDetails details, Throwable cause) {
    super(message, details, true, cause);
  }
}
