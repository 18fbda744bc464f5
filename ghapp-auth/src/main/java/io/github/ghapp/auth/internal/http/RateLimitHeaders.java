package io.github.ghapp.auth.internal.http;

import io.github.ghapp.auth.GitHubAppListener.RateLimit;
import java.net.http.HttpHeaders;
import java.time.Instant;

/** Reads the {@code x-ratelimit-*} headers GitHub puts on its answers, for the listener. */
final class RateLimitHeaders {
  private RateLimitHeaders() {}

  /**
   * The rate limit an answer reports, or null when it carries none (or an unreadable one). GitHub's
   * answers name the resource; one that does not is counted against {@code core}, and a missing
   * {@code used} is what the limit and the remainder imply.
   */
  static RateLimit read(HttpHeaders headers, long installationId) {
    long limit = number(headers, "x-ratelimit-limit");
    long remaining = number(headers, "x-ratelimit-remaining");
    long reset = number(headers, "x-ratelimit-reset");
    if (limit < 0 || remaining < 0 || reset < 0 || reset > Instant.MAX.getEpochSecond()) {
      return null;
    }
    long used = number(headers, "x-ratelimit-used");
    return new RateLimit(
        headers.firstValue("x-ratelimit-resource").map(String::strip).orElse("core"),
        (int) Math.min(limit, Integer.MAX_VALUE),
        (int) Math.min(remaining, Integer.MAX_VALUE),
        (int) Math.min(used >= 0 ? used : Math.max(0, limit - remaining), Integer.MAX_VALUE),
        Instant.ofEpochSecond(reset),
        installationId);
  }

  /** The header as a non-negative number, or -1 when absent or not one. */
  private static long number(HttpHeaders headers, String name) {
    String value = headers.firstValue(name).orElse(null);
    if (value == null) {
      return -1;
    }
    try {
      long n = Long.parseLong(value.strip());
      return n < 0 ? -1 : n;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
