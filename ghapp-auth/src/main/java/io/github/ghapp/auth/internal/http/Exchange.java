package io.github.ghapp.auth.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ghapp.auth.ErrorDetails;
import io.github.ghapp.auth.GitHubAppListener;
import io.github.ghapp.auth.GitHubAppListener.RetryCause;
import io.github.ghapp.auth.GitHubException;
import io.github.ghapp.auth.GitHubResponse;
import io.github.ghapp.auth.NotGitHubApiException;
import io.github.ghapp.auth.PermissionSet;
import io.github.ghapp.auth.RateLimitedException;
import io.github.ghapp.auth.ServerErrorException;
import io.github.ghapp.auth.TransportException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLHandshakeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logical request and everything it has tried so far: the loop behind {@link RestCaller#send}.
 *
 * <p>5xx and lost connections are retried whatever the method: for the mint, which is the request
 * that matters most, a duplicate is harmless (the extra token just expires), and GitHub's
 * 502/503/504 mean the request was not processed.
 *
 * <p>The listener hears of every answer's rate limit, of every send again (with its cause and wait)
 * and, once, of the end: the final status, or 0 when no answer came.
 */
final class Exchange {
  private static final Logger log = LoggerFactory.getLogger(Exchange.class);

  private static final int MAX_REDIRECTS = 5;

  /**
   * Sends of a just-minted token GitHub has not replicated yet. The replication window bounds them
   * in time; this bounds them when a test's clock stands still.
   */
  private static final int MAX_LAG_RETRIES = 10;

  private final RestCaller caller;
  private final RetrySettings retry;
  private final GitHubAppListener listener;
  private final String routeMethod;
  private final String template;
  private final long installationId;
  private final Credentials.Attempt auth;
  private final long started = System.nanoTime();
  private final long deadline;
  private String method;
  private URI uri;
  private byte[] body;
  private int sends;
  private int failures;
  private int rateLimitWaits;
  private int lagRetries;
  private int redirects;
  private int lastStatus;

  Exchange(RestCaller caller, Route route, Credentials credentials) {
    this.caller = caller;
    this.retry = caller.retry;
    this.listener = caller.listener;
    this.deadline = started + retry.deadline().toNanos();
    this.routeMethod = route.method();
    this.template = route.template();
    this.installationId = credentials.installationId();
    this.auth = credentials.begin();
    this.method = route.method();
    this.uri = route.uri();
    this.body = route.body() == null ? null : Json.write(route.body());
  }

  GitHubResponse run() {
    try {
      return loop();
    } finally {
      listener.requestCompleted(
          routeMethod, template, lastStatus, Duration.ofNanos(System.nanoTime() - started));
    }
  }

  private GitHubResponse loop() {
    while (true) {
      String description = method + " " + uri.getRawPath();
      HttpResponse<byte[]> response;
      try {
        String authorization = auth.authorization();
        sends++;
        response =
            caller.transport.send(caller.request(method, uri, body, authorization, deadline));
      } catch (IOException e) {
        retryAfterIoFailure(e, description);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TransportException(
            description + " was interrupted", ErrorDetails.noAnswer(description), e);
      }
      int status = response.statusCode();
      HttpHeaders headers = response.headers();
      lastStatus = status;
      reportRateLimit(headers);
      reportAcceptedPermissions(headers);
      JsonNode answer = Json.parseBody(response.body());
      checkLooksLikeGitHub(status, headers, answer, description);
      if (status < 300 || status == 304) {
        auth.succeeded(headers);
        return new GitHubResponse(status, headers, answer);
      }
      if (isRedirect(status) && followRedirect(status, headers, description)) {
        retried(RetryCause.REDIRECT, Duration.ZERO);
        continue;
      }
      GitHubException error =
          ErrorMapper.map(status, headers, answer, description, auth::permissions);
      if (error instanceof RateLimitedException limited) {
        waitOutRateLimit(limited, headers, description);
      } else if (error instanceof ServerErrorException) {
        retryAfterServerError(error, headers, description);
      } else if (status == 401) {
        recoverFromUnauthorized(error, headers, description);
      } else {
        throw error;
      }
    }
  }

  /**
   * GitHub's API answers JSON objects or arrays (or nothing), and every 4xx with a {@code message}.
   * Anything else came from something that is not GitHub's API (a proxy, a captive portal, a plain
   * web server at the wrong URL), whose answer read as GitHub's would only give nonsense ("not
   * installed", an id of 0). 5xx are left to the retries: GitHub's own edge sends HTML for those.
   */
  private void checkLooksLikeGitHub(
      int status, HttpHeaders headers, JsonNode answer, String description) {
    boolean success = status < 300 || status == 304;
    boolean clientError = status >= 400 && status < 500;
    boolean github =
        success
            ? answer.isMissingNode() || answer.isContainerNode()
            : !clientError || answer.isObject() && answer.hasNonNull("message");
    if (github) {
      return;
    }
    String contentType = headers.firstValue("content-type").orElse(null);
    boolean json = answer.isContainerNode();
    throw new NotGitHubApiException(
        description
            + ": the server at "
            + Endpoints.hostAndPort(uri)
            + " did not answer as GitHub's API does (it sent "
            + status
            + ", "
            + (contentType == null ? "no content type" : contentType)
            + (json
                ? ", JSON without GitHub's error message"
                : answer.isMissingNode() ? ", no body" : ", not JSON")
            + "). Check the base URL (GitHub Enterprise Server's ends in /api/v3) and any proxy or"
            + " captive portal in between",
        details(status, headers, description),
        contentType);
  }

  private void retryAfterIoFailure(IOException e, String description) {
    failures++;
    CertificateException untrusted = certificateProblem(e);
    if (untrusted != null) {
      // Retrying cannot make a certificate trusted, and "check the network" would mislead.
      throw new TransportException(
          description
              + " could not trust the TLS certificate of "
              + Endpoints.hostAndPort(uri)
              + " ("
              + untrusted.getMessage()
              + "). Make the JVM trust the server's certificate authority (a trust store given with"
              + " -Djavax.net.ssl.trustStore, or an HttpClient with that SSLContext given to the"
              + " builder), and check that the base URL names the host the certificate is for",
          ErrorDetails.noAnswer(description),
          e);
    }
    Duration wait = retry.backoff(failures, ThreadLocalRandom.current().nextDouble());
    if (failures >= retry.maxAttempts() || !fits(wait)) {
      throw new TransportException(
          description
              + " got no answer from "
              + Endpoints.hostAndPort(uri)
              + " ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + ") after "
              + failures
              + " attempt(s). Check the network and the base URL",
          ErrorDetails.noAnswer(description),
          e);
    }
    log.debug(
        "{}: {} ({}); retry {} of {} in {} ms",
        description,
        e.getClass().getSimpleName(),
        e.getMessage(),
        failures,
        retry.maxAttempts() - 1,
        wait.toMillis());
    retried(RetryCause.CONNECTION, wait);
    sleep(wait, description);
  }

  /**
   * The certificate problem behind a failed TLS handshake (an untrusted issuer, a name that does
   * not match), or null for a failure that another attempt may not meet.
   */
  private static CertificateException certificateProblem(IOException e) {
    if (!(e instanceof SSLHandshakeException)) {
      return null;
    }
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof CertificateException certificate) {
        return certificate;
      }
    }
    return null;
  }

  private void retryAfterServerError(
      GitHubException error, HttpHeaders headers, String description) {
    failures++;
    Duration wait =
        max(
            retry.backoff(failures, ThreadLocalRandom.current().nextDouble()),
            ErrorMapper.retryAfter(headers));
    if (failures >= retry.maxAttempts() || !fits(wait)) {
      throw error;
    }
    log.debug(
        "{}: {}; retry {} of {} in {} ms",
        description,
        error.status(),
        failures,
        retry.maxAttempts() - 1,
        wait.toMillis());
    retried(RetryCause.SERVER_ERROR, wait);
    sleep(wait, description);
  }

  private void waitOutRateLimit(
      RateLimitedException limited, HttpHeaders headers, String description) {
    rateLimitWaits++;
    Duration wait = rateLimitWait(limited, headers);
    if (wait == null || rateLimitWaits >= retry.maxAttempts() || !fits(wait)) {
      throw limited;
    }
    log.info("{}: rate limited; waiting {} s as GitHub asks", description, wait.toSeconds());
    retried(RetryCause.RATE_LIMIT, wait);
    sleep(wait, description);
  }

  private void recoverFromUnauthorized(
      GitHubException error, HttpHeaders headers, String description) {
    RetryCause cause = auth.unauthorized(error, headers);
    Duration wait = Duration.ZERO;
    if (cause == RetryCause.REPLICATION_LAG) {
      lagRetries++;
      wait = retry.backoff(lagRetries, ThreadLocalRandom.current().nextDouble());
      if (lagRetries > MAX_LAG_RETRIES || !fits(wait)) {
        auth.stoppedWaitingForReplication(error);
        throw error;
      }
    }
    retried(cause, wait);
    if (!wait.isZero()) {
      sleep(wait, description);
    }
  }

  /**
   * Follows a redirect within the configured GitHub; one elsewhere is refused, with the credential
   * unsent.
   */
  private boolean followRedirect(int status, HttpHeaders headers, String description) {
    URI location;
    try {
      location = headers.firstValue("location").map(uri::resolve).orElse(null);
    } catch (IllegalArgumentException e) {
      throw redirectRefused(
          status,
          headers,
          description,
          "to a Location that is not a URL; not followed. Check the base URL and any proxy in"
              + " between");
    }
    if (location == null || redirects >= MAX_REDIRECTS) {
      return false;
    }
    Endpoints endpoints = caller.endpoints;
    if (!endpoints.isSameOrigin(location)) {
      throw redirectRefused(
          status,
          headers,
          description,
          "to "
              + location.getScheme()
              + "://"
              + Endpoints.hostAndPort(location)
              + ", outside the configured GitHub "
              + endpoints.rest()
              + "; not followed, so that no credential goes there. Check the base URL");
    }
    redirects++;
    if (status == 303 || (status != 307 && status != 308 && !method.equals("GET"))) {
      method = "GET";
      body = null;
    }
    uri = location;
    return true;
  }

  /** What an answer that carried no GitHub error body says: its status and request id. */
  private static ErrorDetails details(int status, HttpHeaders headers, String description) {
    return new ErrorDetails(
        status,
        description,
        null,
        null,
        headers.firstValue("x-github-request-id").orElse(null),
        List.of());
  }

  /** A redirect not followed: "{request} was redirected ({status}) {where}". */
  private static GitHubException redirectRefused(
      int status, HttpHeaders headers, String description, String where) {
    return new GitHubException(
        description + " was redirected (" + status + ") " + where,
        details(status, headers, description),
        false);
  }

  private void retried(RetryCause cause, Duration wait) {
    listener.requestRetried(routeMethod, template, cause, sends + 1, wait);
  }

  private void reportRateLimit(HttpHeaders headers) {
    if (listener != GitHubAppListener.NONE) {
      GitHubAppListener.RateLimit limit = RateLimitHeaders.read(headers, installationId);
      if (limit != null) {
        listener.rateLimitReported(limit);
      }
    }
  }

  private void reportAcceptedPermissions(HttpHeaders headers) {
    if (listener != GitHubAppListener.NONE) {
      String header = headers.firstValue("x-accepted-github-permissions").orElse(null);
      List<PermissionSet> accepted = PermissionSet.parseAlternatives(header);
      if (!accepted.isEmpty()) {
        listener.acceptedPermissionsReported(routeMethod, template, accepted);
      }
    }
  }

  private boolean fits(Duration wait) {
    // Compared as Durations: a wait GitHub asks for may be too long to add up in nanoseconds.
    return wait.compareTo(Duration.ofNanos(deadline - System.nanoTime())) < 0;
  }

  /**
   * How long GitHub asks to wait: {@code retry-after}, else until {@code x-ratelimit-reset} by its
   * clock.
   */
  private Duration rateLimitWait(RateLimitedException limited, HttpHeaders headers) {
    if (limited.retryAfter() != null) {
      return limited.retryAfter();
    }
    if (limited.resetAt() == null) {
      return null;
    }
    Instant serverNow = HttpDates.date(headers);
    Duration wait =
        Duration.between(
            serverNow != null ? serverNow : caller.serverClock.instant(), limited.resetAt());
    return wait.isNegative() ? Duration.ZERO : wait;
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static Duration max(Duration a, Duration b) {
    return b == null || a.compareTo(b) >= 0 ? a : b;
  }

  private static void sleep(Duration wait, String description) {
    try {
      Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException(
          description + " was interrupted while waiting to retry",
          ErrorDetails.noAnswer(description),
          e);
    }
  }
}
