package io.github.ghapp.emulator.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ghapp.emulator.internal.http.ApiException;

/**
 * A request body's fields as GitHub's schema validator checks them, with its wording: {@code
 * "message" wasn't supplied.} for a missing one, {@code For 'properties/message', 5 is not a
 * string.} for one of the wrong type, both 422 after {@code Invalid request.}.
 */
final class BodyFields {

  private BodyFields() {}

  /** A string that must be there; JSON null counts as missing. */
  static String requiredText(JsonNode body, String field) {
    String value = optionalText(body, field);
    if (value == null) {
      throw missing(field);
    }
    return value;
  }

  /** A string that may be left out; absent and JSON null are both null. */
  static String optionalText(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw wrongType(field, value, "a string");
    }
    return value.asText();
  }

  static ApiException missing(String field) {
    return ApiException.of(422, "Invalid request.\n\n\"" + field + "\" wasn't supplied.");
  }

  /** GitHub's answer for a property of the wrong type, naming it. */
  static ApiException wrongType(String field, JsonNode value, String expected) {
    return ApiException.of(
        422,
        "Invalid request.\n\nFor 'properties/"
            + field
            + "', "
            + value
            + " is not "
            + expected
            + ".");
  }
}
