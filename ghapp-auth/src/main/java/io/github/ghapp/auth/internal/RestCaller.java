package io.github.ghapp.auth.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ghapp.auth.ErrorDetails;
import io.github.ghapp.auth.GitHubException;
import io.github.ghapp.auth.GitHubResponse;
import io.github.ghapp.auth.HttpTransport;
import io.github.ghapp.auth.RateLimitedException;
import io.github.ghapp.auth.ServerErrorException;
import io.github.ghapp.auth.TransportException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one logical request to GitHub and sees it through: authentication (and recovering from a 401),
 * retries with backoff and jitter for lost connections and 5xx, waiting out a rate limit when the reset
 * comes soon enough, and same-origin redirects, all within one deadline. Every failure leaves as a typed
 * {@link GitHubException}.
 *
 * <p>5xx and lost connections are retried whatever the method: for the mint, which is the request that
 * matters most, a duplicate is harmless (the extra token just expires), and GitHub's 502/503/504 mean the
 * request was not processed.
 */
public final class RestCaller {
  private static final Logger log = LoggerFactory.getLogger(RestCaller.class);
  private static final int MAX_REDIRECTS = 5;
  /**
   * Sends of a just-minted token GitHub has not replicated yet. The replication window bounds them in time;
   * this bounds them when a test's clock stands still.
   */
  private static final int MAX_LAG_RETRIES = 10;

  private final HttpTransport transport;
  private final Endpoints endpoints;
  private final String apiVersion;
  private final RetrySettings retry;
  private final Clock serverClock;

  /** @param serverClock GitHub's time as best known, to judge rate-limit resets when no {@code Date} came */
  public RestCaller(HttpTransport transport, Endpoints endpoints, String apiVersion, RetrySettings retry,
      Clock serverClock) {
    this.transport = transport;
    this.endpoints = endpoints;
    this.apiVersion = apiVersion;
    this.retry = retry;
    this.serverClock = serverClock;
  }

  public Endpoints endpoints() {
    return endpoints;
  }

  public GitHubResponse send(Route route, Credentials credentials) {
    long deadline = System.nanoTime() + retry.deadline().toNanos();
    Credentials.Attempt auth = credentials.begin();
    byte[] body = route.body() == null ? null : Json.write(route.body());
    String method = route.method();
    URI uri = route.uri();
    int failures = 0;
    int waits = 0;
    int lagRetries = 0;
    int redirects = 0;
    while (true) {
      String description = method + " " + uri.getRawPath();
      HttpResponse<byte[]> response;
      try {
        response = transport.send(request(method, uri, body, auth.authorization(), deadline));
      } catch (IOException e) {
        failures++;
        Duration wait = retry.backoff(failures, ThreadLocalRandom.current().nextDouble());
        if (failures < retry.maxAttempts() && fits(wait, deadline)) {
          log.debug("{}: {} ({}); retry {} of {} in {} ms", description, e.getClass().getSimpleName(),
              e.getMessage(), failures, retry.maxAttempts() - 1, wait.toMillis());
          sleep(wait, description);
          continue;
        }
        throw new TransportException(description + " got no answer from " + endpoints.rest().getHost() + " ("
            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ") after "
            + failures + " attempt(s). Check the network and the base URL", ErrorDetails.noAnswer(description), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TransportException(description + " was interrupted", ErrorDetails.noAnswer(description), e);
      }

      int status = response.statusCode();
      HttpHeaders headers = response.headers();
      if (status < 300 || status == 304) {
        auth.succeeded(headers);
        return new GitHubResponse(status, headers, Json.parseBody(response.body()));
      }
      if (isRedirect(status) && redirects < MAX_REDIRECTS) {
        URI location = headers.firstValue("location").map(uri::resolve).orElse(null);
        if (location != null && endpoints.isSameOrigin(location)) {
          redirects++;
          if (status == 303 || (status != 307 && status != 308 && !method.equals("GET"))) {
            method = "GET";
            body = null;
          }
          uri = location;
          continue;
        }
      }
      JsonNode json = Json.parseBody(response.body());
      GitHubException error = ErrorMapper.map(status, headers, json, description);

      if (error instanceof RateLimitedException limited) {
        Duration wait = rateLimitWait(limited, headers);
        waits++;
        if (wait != null && waits < retry.maxAttempts() && fits(wait, deadline)) {
          log.info("{}: rate limited; waiting {} s as GitHub asks", description, wait.toSeconds());
          sleep(wait, description);
          continue;
        }
        throw limited;
      }
      if (error instanceof ServerErrorException) {
        failures++;
        Duration wait = max(retry.backoff(failures, ThreadLocalRandom.current().nextDouble()),
            ErrorMapper.retryAfter(headers));
        if (failures < retry.maxAttempts() && fits(wait, deadline)) {
          log.debug("{}: {}; retry {} of {} in {} ms", description, status, failures, retry.maxAttempts() - 1,
              wait.toMillis());
          sleep(wait, description);
          continue;
        }
        throw error;
      }
      if (status == 401) {
        Credentials.Recovery recovery = auth.unauthorized(error, headers);
        if (recovery == Credentials.Recovery.RETRY_AFTER_BACKOFF) {
          lagRetries++;
          Duration wait = retry.backoff(lagRetries, ThreadLocalRandom.current().nextDouble());
          if (lagRetries > MAX_LAG_RETRIES || !fits(wait, deadline)) {
            throw error;
          }
          sleep(wait, description);
        }
        continue;
      }
      throw error;
    }
  }

  private HttpRequest request(String method, URI uri, byte[] body, String authorization, long deadline) {
    Duration remaining = Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1_000_000));
    HttpRequest.Builder b = HttpRequest.newBuilder(uri)
        .timeout(remaining)
        .header("Accept", "application/vnd.github+json")
        .header("X-GitHub-Api-Version", apiVersion)
        .header("User-Agent", Version.userAgent());
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return b.build();
  }

  /** How long GitHub asks to wait: {@code retry-after}, else until {@code x-ratelimit-reset} by its clock. */
  private Duration rateLimitWait(RateLimitedException limited, HttpHeaders headers) {
    if (limited.retryAfter() != null) {
      return limited.retryAfter();
    }
    if (limited.resetAt() == null) {
      return null;
    }
    Instant serverNow = HttpDates.date(headers);
    Duration wait = Duration.between(serverNow != null ? serverNow : serverClock.instant(), limited.resetAt());
    return wait.isNegative() ? Duration.ZERO : wait;
  }

  private static boolean fits(Duration wait, long deadline) {
    return System.nanoTime() + wait.toNanos() < deadline;
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
      throw new TransportException(description + " was interrupted while waiting to retry",
          ErrorDetails.noAnswer(description), e);
    }
  }
}
