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
 * never needs. Plain {@code http://} requests (an emulator on the loopback) go through a client of
 * their own that has no TLS set up at all, which is most of that time.
 *
 * <p>Each client is built once, by whichever request needs it first; requests racing with it wait
 * on the monitor for that one client (double-checked on a volatile field, so later requests take no
 * lock).
 */
public final class LazyTransport implements HttpTransport {
  final Supplier<HttpClient> factory;
  final Supplier<HttpClient> plainFactory;
  private volatile HttpTransport delegate;
  private volatile HttpTransport plainDelegate;

  /**
   * @param factory builds the client, once, on the first request
   */
  LazyTransport(Supplier<HttpClient> factory) {
    this(factory, factory);
  }

  /**
   * @param factory builds the client for {@code https://} requests, once, on the first one
   * @param plainFactory builds the client for plain {@code http://} requests, once, on the first
   */
  LazyTransport(Supplier<HttpClient> factory, Supplier<HttpClient> plainFactory) {
    this.factory = Objects.requireNonNull(factory, "factory");
    this.plainFactory = Objects.requireNonNull(plainFactory, "plainFactory");
  }

  /**
   * A lazily built client with a 10-second connect timeout that follows no redirects (ghapp does),
   * and one like it without TLS for plain {@code http://} requests.
   */
  public static LazyTransport withDefaultClient() {
    return new LazyTransport(SharedClient::get, PlainClient::get);
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

  /** {@link SharedClient}'s twin for plain {@code http://}: its TLS context refuses TLS. */
  private static final class PlainClient {
    private static final HttpClient CLIENT =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .sslContext(PlainHttpOnly.CONTEXT)
            .build();

    static HttpClient get() {
      return CLIENT;
    }
  }

  @Override
  public HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
    return "http".equalsIgnoreCase(request.uri().getScheme())
        ? plainClient().send(request)
        : client().send(request);
  }

  /** Whether a client has been built yet. */
  boolean isStarted() {
    return delegate != null || plainDelegate != null;
  }

  private HttpTransport client() {
    HttpTransport d = delegate;
    if (d == null) {
      synchronized (this) {
        d = delegate;
        if (d == null) {
          d = build(factory);
          delegate = d;
        }
      }
    }
    return d;
  }

  private HttpTransport plainClient() {
    if (plainFactory == factory) {
      return client();
    }
    HttpTransport d = plainDelegate;
    if (d == null) {
      synchronized (this) {
        d = plainDelegate;
        if (d == null) {
          d = build(plainFactory);
          plainDelegate = d;
        }
      }
    }
    return d;
  }

  private static HttpTransport build(Supplier<HttpClient> factory) {
    return HttpTransport.of(
        Objects.requireNonNull(factory.get(), "the HttpClient factory returned null"));
  }

  @Override
  public String toString() {
    return "LazyTransport{" + (isStarted() ? "started" : "not started yet") + "}";
  }
}
