package io.github.ghapp.emulator.internal.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An answer GitHub gives as an error: the status, GitHub's exact message and a {@code
 * documentation_url}. Thrown by any step of the {@link FrontDoor} or below a route, and worded by
 * the request's {@link Surface#refusal}. Without an explicit documentation URL, the route's own is
 * used, as GitHub does. Messages never include a credential.
 */
public final class ApiException extends RuntimeException {

  /** Where GitHub points generic errors (bad credentials, unknown routes). */
  public static final String REST_DOCS = "https://docs.github.com/rest";

  private final int status;
  private final String documentationUrl;
  private final ArrayNode errors;

  private ApiException(int status, String message, String documentationUrl, ArrayNode errors) {
    super(message, null, false, false);
    this.status = status;
    this.documentationUrl = documentationUrl;
    this.errors = errors;
  }

  /** A {@code basic-error}: {@code {message, documentation_url, status}}. */
  public static ApiException of(int status, String message) {
    return new ApiException(status, message, null, null);
  }

  /** A {@code validation-error}: {@code {message, errors: [...], documentation_url, status}}. */
  public static ApiException validation(String message, ArrayNode errors) {
    return new ApiException(422, message, null, errors);
  }

  public static ApiException notFound() {
    return of(404, "Not Found");
  }

  public static ApiException badCredentials() {
    return of(401, "Bad credentials").documentedAt(REST_DOCS);
  }

  public ApiException documentedAt(String url) {
    return new ApiException(status, getMessage(), url, errors);
  }

  public int status() {
    return status;
  }

  public ApiResponse toResponse(String routeDocumentationUrl) {
    ObjectNode body = Json.object();
    body.put("message", getMessage());
    if (errors != null) {
      body.set("errors", errors);
    }
    body.put(
        "documentation_url",
        documentationUrl != null
            ? documentationUrl
            : routeDocumentationUrl != null ? routeDocumentationUrl : REST_DOCS);
    body.put("status", Integer.toString(status));
    return ApiResponse.json(status, body);
  }
}
