package io.github.ghapp.auth.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ghapp.auth.BadCredentialsException;
import io.github.ghapp.auth.BadJwtException;
import io.github.ghapp.auth.ClockSkewException;
import io.github.ghapp.auth.ErrorDetails;
import io.github.ghapp.auth.GitHubException;
import io.github.ghapp.auth.InstallationSuspendedException;
import io.github.ghapp.auth.IntegrationNotFoundException;
import io.github.ghapp.auth.NotFoundException;
import io.github.ghapp.auth.PermissionsNotGrantedException;
import io.github.ghapp.auth.RateLimitedException;
import io.github.ghapp.auth.RepositoryNotAccessibleException;
import io.github.ghapp.auth.ServerErrorException;
import io.github.ghapp.auth.ValidationError;
import java.net.http.HttpHeaders;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Turns GitHub's refusals into typed exceptions whose message says what went wrong and how to fix
 * it. The message is built from GitHub's own {@code message} plus the request line, never from
 * request headers, so no credential can reach it.
 */
final class ErrorMapper {
  static final String JWT_NOT_DECODED = "A JSON web token could not be decoded";

  private ErrorMapper() {}

  static GitHubException map(int status, HttpHeaders headers, JsonNode body, String request) {
    return map(status, headers, body, request, () -> null);
  }

  /**
   * @param tokenPermissions the permissions of the token sent, or null when not known; asked only
   *     for a refusal that names permissions
   */
  static GitHubException map(
      int status,
      HttpHeaders headers,
      JsonNode body,
      String request,
      Supplier<Map<String, String>> tokenPermissions) {
    String message = body.isObject() ? Json.text(body, "message") : null;
    List<ValidationError> errors = new ArrayList<>();
    for (JsonNode e : body.path("errors")) {
      if (e.isObject()) {
        errors.add(
            new ValidationError(
                Json.text(e, "resource"),
                Json.text(e, "field"),
                Json.text(e, "code"),
                Json.text(e, "message")));
      } else if (e.isTextual()) {
        errors.add(new ValidationError(null, null, null, e.asText()));
      }
    }
    ErrorDetails d =
        new ErrorDetails(
            status,
            request,
            message,
            body.isObject() ? Json.text(body, "documentation_url") : null,
            headers.firstValue("x-github-request-id").orElse(null),
            errors);
    String said =
        request
            + " answered "
            + status
            + (message == null ? "" : " " + quote(message))
            + (errors.isEmpty() ? "" : " " + errors)
            + ". ";
    String m = message == null ? "" : message;

    if (status == 401) {
      if (m.startsWith(JWT_NOT_DECODED)) {
        return new BadJwtException(
            said
                + "GitHub could not verify the app's JWT: the private key does not"
                + " belong to this app (deleted in the app's settings, or another app's key). Use a key listed"
                + " under Private keys in the app's settings",
            d);
      }
      if (isClockClaimError(m)) {
        return new ClockSkewException(
            said + "The local clock disagrees with GitHub's; synchronise it (NTP)", d, null);
      }
      return new BadCredentialsException(
          said
              + "The token was revoked or has expired, or is not one GitHub"
              + " issued; mint a new one",
          d);
    }
    if (isRateLimited(status, headers, m)) {
      Instant reset = resetAt(headers);
      Duration retryAfter = retryAfter(headers);
      return new RateLimitedException(
          said
              + "The rate limit is spent"
              + (reset != null ? "; it resets at " + reset : "")
              + (retryAfter != null ? "; GitHub asks to wait " + retryAfter.toSeconds() + " s" : "")
              + ". Retry later, or spread the work over time",
          d,
          reset,
          retryAfter);
    }
    if (status == 403) {
      if (m.contains("suspended")) {
        return new InstallationSuspendedException(
            said
                + "No tokens can be minted until an owner of the"
                + " account unsuspends the installation (account settings > GitHub Apps > Configure > Unsuspend)",
            d);
      }
      if (m.startsWith("Resource not accessible by integration")) {
        return MissingPermissions.refusal(said, d, headers, tokenPermissions.get());
      }
      return new GitHubException(said + "The credentials may not do this", d, false);
    }
    if (status == 404) {
      if (m.startsWith("Integration not found")) {
        return new IntegrationNotFoundException(
            said
                + "GitHub knows no app with the configured ID: check the"
                + " app ID or client ID (both on the app's settings page, under About) and that the base URL is"
                + " the GitHub the app was registered on",
            d);
      }
      return new NotFoundException(
          said
              + "It does not exist, or these credentials cannot see it (GitHub"
              + " answers 404, not 403, for a private repository outside an installation token's reach)",
          d);
    }
    if (status == 422) {
      if (m.startsWith("The permissions requested are not granted")) {
        return new PermissionsNotGrantedException(
            said
                + "Request only permissions the installation was"
                + " granted, at or below the granted level (GET /app/installations/{installation_id} lists them"
                + " under \"permissions\"), or add them in the app's settings (Permissions & events) and have the"
                + " account owner accept them",
            d);
      }
      if (m.contains("repository that does not exist or is not accessible")) {
        return new RepositoryNotAccessibleException(
            said
                + "Name repositories without their owner, and only"
                + " ones the installation was given (see GET /installation/repositories)",
            d);
      }
      return new GitHubException(said + "GitHub refused the request's content", d, false);
    }
    if (status >= 500) {
      return new ServerErrorException(
          said
              + "GitHub had a server error on every attempt within the retry"
              + " deadline; try again later (https://www.githubstatus.com)",
          d);
    }
    if (status == 400 && m.contains("X-GitHub-API-Version")) {
      return new GitHubException(
          said
              + "Send an X-GitHub-Api-Version this GitHub supports, e.g. 2022-11-28"
              + " (the app's apiVersion setting)",
          d,
          false);
    }
    return new GitHubException(said.strip(), d, false);
  }

  static boolean isClockClaimError(String message) {
    return message.startsWith("'Expiration time' claim") || message.startsWith("'Issued at' claim");
  }

  static boolean isRateLimited(int status, HttpHeaders headers, String message) {
    if (status != 403 && status != 429) {
      return false;
    }
    return status == 429
        || "0".equals(headers.firstValue("x-ratelimit-remaining").orElse(null))
        || headers.firstValue("retry-after").isPresent()
        || message.toLowerCase(Locale.ROOT).contains("rate limit");
  }

  static Instant resetAt(HttpHeaders headers) {
    return headers
        .firstValue("x-ratelimit-reset")
        .map(
            v -> {
              try {
                return Instant.ofEpochSecond(Long.parseLong(v.strip()));
              } catch (NumberFormatException | DateTimeException e) {
                return null; // not a number, or beyond any date Instant holds
              }
            })
        .orElse(null);
  }

  static Duration retryAfter(HttpHeaders headers) {
    return headers
        .firstValue("retry-after")
        .map(
            v -> {
              try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(v.strip())));
              } catch (NumberFormatException e) {
                return null; // an HTTP-date; GitHub sends seconds, and x-ratelimit-reset covers the
                // rest
              }
            })
        .orElse(null);
  }

  private static String quote(String message) {
    return "'" + message + "'";
  }
}
