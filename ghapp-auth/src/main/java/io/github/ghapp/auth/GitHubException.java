package io.github.ghapp.auth;

import java.util.List;
import java.util.Objects;

/**
 * GitHub refused a request, or it could not be sent. Every failure ghapp reports while talking to
 * GitHub is one of these (unchecked); subclasses tell apart the cases a caller can act on, for
 * example {@link RateLimitedException} (wait until {@code resetAt()}), {@link BadJwtException}
 * (wrong private key) or {@link PermissionsNotGrantedException} (ask for less, or grant more in the
 * app's settings).
 *
 * <p>The message says what went wrong and how to fix it. It never contains a token, a JWT or a key,
 * so it is safe to log.
 *
 * <pre>{@code
 * try {
 *   gh.request("GET /repos/{owner}/{repo}", Map.of("owner", "octo-org", "repo", "hello-world"));
 * } catch (NotFoundException e) {
 *   // the repository does not exist, or this installation cannot see it
 * } catch (GitHubException e) {
 *   log.warn("GitHub said {} (request id {})", e.githubMessage(), e.requestId());
 * }
 * }</pre>
 */
public class GitHubException extends RuntimeException {
  private final ErrorDetails details;
  private final boolean retryable;

  public GitHubException(String message, ErrorDetails details, boolean retryable) {
    this(message, details, retryable, null);
  }

  public GitHubException(String message, ErrorDetails details, boolean retryable, Throwable cause) {
    super(message, cause);
    this.details = Objects.requireNonNull(details, "details");
    this.retryable = retryable;
  }

  /** The HTTP status GitHub answered with, or 0 when no answer arrived. */
  public int status() {
    return details.status();
  }

  /** {@code METHOD /path} of the refused request. */
  public String request() {
    return details.request();
  }

  /** GitHub's own {@code message}, or null when it sent none. */
  public String githubMessage() {
    return details.githubMessage();
  }

  /** GitHub's {@code documentation_url}, or null. */
  public String documentationUrl() {
    return details.documentationUrl();
  }

  /** The {@code X-GitHub-Request-Id} of the answer, or null; GitHub support asks for it. */
  public String requestId() {
    return details.requestId();
  }

  /** The {@code errors[]} of a validation failure; empty otherwise. */
  public List<ValidationError> errors() {
    return details.errors();
  }

  /** Everything GitHub said, in one value. */
  public ErrorDetails details() {
    return details;
  }

  /**
   * Whether the same request may succeed if sent again later (server errors, rate limits, lost
   * connections). ghapp has already retried these as far as its deadline allowed.
   */
  public boolean isRetryable() {
    return retryable;
  }
}
