package io.github.ghapp.auth.internal.http;

import java.net.http.HttpHeaders;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads the {@code Date} header, GitHub's clock as seen from here. */
public final class HttpDates {
  private HttpDates() {}

  /** The answer's {@code Date}, or null when absent or unreadable. */
  public static Instant date(HttpHeaders headers) {
    return headers
        .firstValue("date")
        .map(
            v -> {
              try {
                return ZonedDateTime.parse(v.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
              } catch (DateTimeParseException e) {
                return null;
              }
            })
        .orElse(null);
  }
}
