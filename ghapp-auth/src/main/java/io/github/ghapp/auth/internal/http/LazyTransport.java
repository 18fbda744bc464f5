package io.github.ghapp.auth.internal.http;

import io.github.ghapp.auth.HttpTransport;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The transport used when none is configured: a JDK {@link HttpClient} built on the first request,
 * not when the app is built. Building one loads the trust store, sets up TLS and starts a selector
 * thread (about 100 ms), which an app that only signs JWTs, or a command answered from a cache,
 * never needs.
 *
 * <p>The client is built once, by whichever request comes first; requests racing with it wait on
 * the monitor for that one client (double-checked on a volatile field, so later requests take no
 * lock).
 */
public final class LazyTransport implements HttpTransport {
  final Supplier<HttpClient> factory;
  private volatile HttpTransport delegate;

  /**
   * @param factory builds the client, once, on the first request
   */
  LazyTransport(Supplier<HttpClient> factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  /**
   * A lazily built client with a 10-second connect timeout that follows no redirects (ghapp does).
   */
  public static LazyTransport withDefaultClient() {
    return new LazyTransport(SharedClient::get);
  }

  /**
   * One default client per JVM, built on first use (the holder idiom: class initialisation is lazy
   * and thread-safe). Shared by every app: a JDK HttpClient is thread-safe and keeps no per-app
   * state (no cookies, no authenticator; credentials go in each request), and each new one costs
   * 4-7 ms of TLS set-up, a selector thread and a connection pool of its own.
   */
  private static final class SharedClient {
    private static final HttpClient CLIENT =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    static HttpClient get() {
      return CLIENT;
    }
  }

  @Override
  public HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
    return client().send(request);
  }

  /** Whether the client has been built yet. */
  boolean isStarted() {
    return delegate != null;
  }

  private HttpTransport client() {
    HttpTransport d = delegate;
    if (d == null) {
      synchronized (this) {
        d = delegate;
        if (d == null) {
          d =
              HttpTransport.of(
                  Objects.requireNonNull(factory.get(), "the HttpClient factory returned null"));
          delegate = d;
        }
      }
    }
    return d;
  }

  @Override
  public String toString() {
    return "LazyTransport{" + (isStarted() ? "started" : "not started yet") + "}";
  }
}
