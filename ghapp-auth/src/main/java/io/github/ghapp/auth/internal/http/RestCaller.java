package io.github.ghapp.auth.internal.http;

import io.github.ghapp.auth.GitHubAppListener;
import io.github.ghapp.auth.GitHubException;
import io.github.ghapp.auth.GitHubResponse;
import io.github.ghapp.auth.HttpTransport;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Sends one logical request to GitHub and sees it through: authentication (and recovering from a
 * 401), retries with backoff and jitter for lost connections and 5xx, waiting out a rate limit when
 * the reset comes soon enough, and same-origin redirects, all within one deadline. Every failure
 * leaves as a typed {@link GitHubException}. The loop itself is {@link Exchange}, one per request;
 * this class holds what all requests of one app share.
 *
 * <pre>{@code
 * RestCaller caller = RestCaller.builder(Endpoints.of(baseUrl))
 *     .transport(transport).retry(retry).serverClock(jwts.clock()).listener(listener)
 *     .build();
 * GitHubResponse r = caller.send(Route.expand("GET /meta", Map.of(), caller.endpoints()), credentials);
 * }</pre>
 */
public final class RestCaller {
  /** The {@code X-GitHub-Api-Version} sent unless configured otherwise. */
  public static final String DEFAULT_API_VERSION = "2022-11-28";

  final HttpTransport transport;
  final Endpoints endpoints;
  final String apiVersion;
  final RetrySettings retry;
  final Clock serverClock;
  final GitHubAppListener listener;

  private RestCaller(Builder b) {
    this.endpoints = b.endpoints;
    this.transport = b.transport != null ? b.transport : LazyTransport.withDefaultClient();
    this.apiVersion = b.apiVersion;
    this.retry = b.retry;
    this.serverClock = b.serverClock;
    this.listener = b.listener;
  }

  /** Starts configuring a caller for the GitHub at {@code endpoints}. */
  public static Builder builder(Endpoints endpoints) {
    return new Builder(endpoints);
  }

  public Endpoints endpoints() {
    return endpoints;
  }

  public GitHubResponse send(Route route, Credentials credentials) {
    return new Exchange(this, route, credentials).run();
  }

  HttpRequest request(String method, URI uri, byte[] body, String authorization, long deadline) {
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

  /** What a {@link RestCaller} is made of; everything but the endpoints has a default. */
  public static final class Builder {
    private final Endpoints endpoints;
    private HttpTransport transport;
    private String apiVersion = DEFAULT_API_VERSION;
    private RetrySettings retry = RetrySettings.DEFAULT;
    private Clock serverClock = Clock.systemUTC();
    private GitHubAppListener listener = GitHubAppListener.NONE;

    private Builder(Endpoints endpoints) {
      this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    }

    /** How requests are sent; by default a JDK client built on the first request. */
    public Builder transport(HttpTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    public Builder apiVersion(String apiVersion) {
      this.apiVersion = Objects.requireNonNull(apiVersion, "apiVersion");
      return this;
    }

    public Builder retry(RetrySettings retry) {
      this.retry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    /** GitHub's time as best known, to judge rate-limit resets when an answer has no Date. */
    public Builder serverClock(Clock serverClock) {
      this.serverClock = Objects.requireNonNull(serverClock, "serverClock");
      return this;
    }

    /** Sees every request's end, retry and rate limit; it must not throw (the app guards it). */
    public Builder listener(GitHubAppListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public RestCaller build() {
      return new RestCaller(this);
    }
  }
}
