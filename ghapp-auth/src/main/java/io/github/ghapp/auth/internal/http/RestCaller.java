package io.github.ghapp.auth.internal.http;

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
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one logical request to GitHub and sees it through: authentication (and recovering from a
 * 401), retries with backoff and jitter for lost connections and 5xx, waiting out a rate limit when
 * the reset comes soon enough, and same-origin redirects, all within one deadline. Every failure
 * leaves as a typed {@link GitHubException}.
 *
 * <p>5xx and lost connections are retried whatever the method: for the mint, which is the request
 * that matters most, a duplicate is harmless (the extra token just expires), and GitHub's
 * 502/503/504 mean the request was not processed.
 */
public final class RestCaller {
  private static final Logger log = LoggerFactory.getLogger(RestCaller.class);

  /** The {@code X-GitHub-Api-Version} sent unless configured otherwise. */
  public static final String DEFAULT_API_VERSION = "2022-11-28";

  private static final int MAX_REDIRECTS = 5;

  /**
   * Sends of a just-minted token GitHub has not replicated yet. The replication window bounds them
   * in time; this bounds them when a test's clock stands still.
   */
  private static final int MAX_LAG_RETRIES = 10;

  private final HttpTransport transport;
  private final Endpoints endpoints;
  private final String apiVersion;
  private final RetrySettings retry;
  private final Clock serverClock;

  /**
   * @param serverClock GitHub's time as best known, to judge rate-limit resets when no {@code Date}
   *     came
   */
  public RestCaller(
      HttpTransport transport,
      Endpoints endpoints,
      String apiVersion,
      RetrySettings retry,
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
    return new Exchange(route, credentials.begin()).run();
  }

  /** One logical request and everything it has tried so far. */
  private final class Exchange {
    private final long deadline = System.nanoTime() + retry.deadline().toNanos();
    private final Credentials.Attempt auth;
    private String method;
    private URI uri;
    private byte[] body;
    private int failures;
    private int rateLimitWaits;
    private int lagRetries;
    private int redirects;

    Exchange(Route route, Credentials.Attempt auth) {
      this.auth = auth;
      this.method = route.method();
      this.uri = route.uri();
      this.body = route.body() == null ? null : Json.write(route.body());
    }

    GitHubResponse run() {
      while (true) {
        String description = method + " " + uri.getRawPath();
        HttpResponse<byte[]> response;
        try {
          response = transport.send(request(method, uri, body, auth.authorization(), deadline));
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
        if (status < 300 || status == 304) {
          auth.succeeded(headers);
          return new GitHubResponse(status, headers, Json.parseBody(response.body()));
        }
        if (isRedirect(status) && followRedirect(status, headers, description)) {
          continue;
        }
        GitHubException error =
            ErrorMapper.map(status, headers, Json.parseBody(response.body()), description);
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

    private void retryAfterIoFailure(IOException e, String description) {
      failures++;
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
      sleep(wait, description);
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
      sleep(wait, description);
    }

    private void recoverFromUnauthorized(
        GitHubException error, HttpHeaders headers, String description) {
      if (auth.unauthorized(error, headers) == Credentials.Recovery.RETRY_AFTER_BACKOFF) {
        lagRetries++;
        Duration wait = retry.backoff(lagRetries, ThreadLocalRandom.current().nextDouble());
        if (lagRetries > MAX_LAG_RETRIES || !fits(wait)) {
          throw error;
        }
        sleep(wait, description);
      }
    }

    /**
     * Follows a redirect within the configured GitHub; one elsewhere is refused, with the
     * credential unsent.
     */
    private boolean followRedirect(int status, HttpHeaders headers, String description) {
      URI location = headers.firstValue("location").map(uri::resolve).orElse(null);
      if (location == null || redirects >= MAX_REDIRECTS) {
        return false;
      }
      if (!endpoints.isSameOrigin(location)) {
        throw new GitHubException(
            description
                + " was redirected ("
                + status
                + ") to "
                + location.getScheme()
                + "://"
                + Endpoints.hostAndPort(location)
                + ", outside the configured GitHub "
                + endpoints.rest()
                + "; not followed, so"
                + " that no credential goes there. Check the base URL",
            new ErrorDetails(
                status,
                description,
                null,
                null,
                headers.firstValue("x-github-request-id").orElse(null),
                List.of()),
            false);
      }
      redirects++;
      if (status == 303 || (status != 307 && status != 308 && !method.equals("GET"))) {
        method = "GET";
        body = null;
      }
      uri = location;
      return true;
    }

    private boolean fits(Duration wait) {
      return System.nanoTime() + wait.toNanos() < deadline;
    }
  }

  private HttpRequest request(
      String method, URI uri, byte[] body, String authorization, long deadline) {
    Duration remaining = Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1_000_000));
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
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
        Duration.between(serverNow != null ? serverNow : serverClock.instant(), limited.resetAt());
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
