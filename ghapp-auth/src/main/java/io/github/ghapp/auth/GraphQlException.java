package io.github.ghapp.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A GraphQL request was answered with {@code errors}: the query did not parse or validate, named a
 * field that does not exist, or touched something the credentials may not read. GitHub answers
 * these with HTTP 200, so the HTTP status says nothing; {@link #graphQlErrors()} holds each error's
 * message.
 */
public class GraphQlException extends GitHubException {
  private final List<String> graphQlErrors;
  private final JsonNode data;

  public GraphQlException(
      String message, ErrorDetails details, List<String> graphQlErrors, JsonNode data) {
    super(message, details, false);
    this.graphQlErrors = List.copyOf(graphQlErrors);
    this.data = data;
  }

  /** The {@code message} of each entry of GitHub's {@code errors}, in order. */
  public List<String> graphQlErrors() {
    return graphQlErrors;
  }

  /** Whatever {@code data} GitHub returned alongside the errors (partial results), or null. */
  public JsonNode data() {
    return data;
  }
}
