package io.github.ghapp.auth;

/**
 * One entry of the {@code errors[]} array of a GitHub validation failure (usually a 422). Any field
 * GitHub left out is null.
 *
 * @param resource the kind of object, e.g. {@code Issue}
 * @param field the offending field, e.g. {@code title}
 * @param code GitHub's machine-readable reason: {@code missing}, {@code missing_field}, {@code
 *     invalid}, {@code already_exists}, {@code unprocessable} or {@code custom}
 * @param message GitHub's explanation, mostly sent with code {@code custom}
 */
public record ValidationError(String resource, String field, String code, String message) {

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    if (resource != null) {
      s.append(resource);
    }
    if (field != null) {
      s.append(s.length() > 0 ? "." : "").append(field);
    }
    if (code != null) {
      s.append(s.length() > 0 ? " " : "").append(code);
    }
    if (message != null) {
      s.append(s.length() > 0 ? ": " : "").append(message);
    }
    return s.toString();
  }
}
