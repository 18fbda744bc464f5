package io.github.ghapp.emulator.internal.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.ghapp.emulator.internal.http.ApiException;
import io.github.ghapp.emulator.internal.http.Json;

/**
 * GitHub's {@code 422 Validation Failed} answers for pull requests, each naming the resource {@code
 * PullRequest}: a missing or invalid field, or a {@code custom} message such as {@code No commits
 * between main and feature}.
 */
final class PullRequestErrors {

  private PullRequestErrors() {}

  static ApiException missing(String field) {
    return of("missing_field", field, null);
  }

  static ApiException invalid(String field) {
    return of("invalid", field, null);
  }

  static ApiException custom(String message) {
    return of("custom", null, message);
  }

  private static ApiException of(String code, String field, String message) {
    ArrayNode errors = Json.array();
    var error = errors.addObject().put("resource", "PullRequest").put("code", code);
    if (field != null) {
      error.put("field", field);
    }
    if (message != null) {
      error.put("message", message);
    }
    return ApiException.validation("Validation Failed", errors);
  }
}
