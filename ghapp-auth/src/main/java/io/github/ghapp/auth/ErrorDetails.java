package io.github.ghapp.auth;

import java.util.List;
import java.util.Objects;

/**
 * What GitHub said when it refused a request, as carried by every {@link GitHubException}. Nothing
 * here is secret: the request is named by method and path only, never by its headers.
 *
 * @param status the HTTP status, or 0 when no answer arrived
 * @param request {@code METHOD /path} of the refused request, e.g. {@code POST
 *     /app/installations/42/access_tokens}
 * @param githubMessage GitHub's {@code message}, or null when the answer had none
 * @param documentationUrl GitHub's {@code documentation_url}, or null
 * @param requestId the {@code X-GitHub-Request-Id} header, or null; quote it when asking GitHub
 *     support
 * @param errors the {@code errors[]} of a validation failure; empty otherwise
 */
public record ErrorDetails(
    int status,
    String request,
    String githubMessage,
    String documentationUrl,
    String requestId,
    List<ValidationError> errors) {

  public ErrorDetails {
    Objects.requireNonNull(request, "request");
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  /** Details of a request that got no answer at all (connection refused, reset, timed out). */
  public static ErrorDetails noAnswer(String request) {
    return new ErrorDetails(0, request, null, null, null, List.of());
  }
}
