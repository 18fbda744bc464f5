package io.github.ghapp.auth;

/**
 * The server at the base URL answered, but not as GitHub's API does: HTML where JSON was expected
 * (a proxy, a captive portal, a web page at the wrong URL), or an error without GitHub's {@code
 * {"message": ...}} shape (a plain web server's 404). The message names the server (host and port
 * only) and what it sent: the status ({@link #status()}) and the content type ({@link
 * #contentType()}). Not retryable: the same URL will answer the same way.
 */
public class NotGitHubApiException extends GitHubException {
  private final String contentType;

  public NotGitHubApiException(String message, ErrorDetails details, String contentType) {
    super(message, details, false);
    this.contentType = contentType;
  }

  /** The answer's {@code Content-Type}, or null when it had none. */
  public String contentType() {
    return contentType;
  }
}
