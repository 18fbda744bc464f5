package io.github.ghapp.auth.internal.http;

import io.github.ghapp.auth.HttpTransport;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport used when none is configured: a JDK {@link HttpClient} taken on the first request,
 * not when the app is built. Building one loads the trust store, sets up TLS and starts a selector
 * thread (about 100 ms), which an app that only signs JWTs, or a command answered from a cache,
 * never needs. Plain {@code http://} requests (an emulator on the loopback) go through a client of
 * their own that has no TLS set up at all, which is most of that time.
 *
 * <p>Each client is taken once, by whichever request needs it first; requests racing with it wait
 * on the monitor for that one client (double-checked on a volatile field, so later requests take no
 * lock). {@link #close()} gives the clients back; a request after it takes them again.
 */
public final class LazyTransport implements HttpTransport, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LazyTransport.class);

  final Pool pool;
  final Pool plainPool;
  private volatile Taken taken;
  private volatile Taken plainTaken;

  /** A client taken from a pool, with the transport that sends through it. */
  private record Taken(HttpClient client, HttpTransport transport) {}

  /**
   * Where a transport takes its clients from, and gives them back to when it is closed.
   *
   * <p>The default pools lend one client per JVM to every open app; {@link #unshared} builds one
   * per transport.
   */
  interface Pool {
    HttpClient take();

    void giveBack(HttpClient client);
  }

  /**
   * @param factory builds the client, once, on the first request of either scheme
   */
  LazyTransport(Supplier<HttpClient> factory) {
    this(unshared(factory));
  }

  private LazyTransport(Pool both) {
    this(both, both);
  }

  /**
   * @param factory builds the client for {@code https://} requests, once, on the first one
   * @param plainFactory builds the client for plain {@code http://} requests, once, on the first
   */
  LazyTransport(Supplier<HttpClient> factory, Supplier<HttpClient> plainFactory) {
    this(unshared(factory), unshared(plainFactory));
  }

  LazyTransport(Pool pool, Pool plainPool) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.plainPool = Objects.requireNonNull(plainPool, "plainPool");
  }

  /**
   * A transport on the JVM's default clients, taken on the first request: one with a 10-second
   * connect timeout that follows no redirects (ghapp does), and one like it without TLS for plain
   * {@code http://} requests.
   */
  public static LazyTransport withDefaultClient() {
    return new LazyTransport(Shared.TLS, Shared.PLAIN);
  }

  /** A pool that builds a client for each transport and closes it when given back. */
  static Pool unshared(Supplier<HttpClient> factory) {
    Objects.requireNonNull(factory, "factory");
    return new Pool() {
      @Override
      public HttpClient take() {
        return Objects.requireNonNull(factory.get(), "the HttpClient factory returned null");
      }

      @Override
      public void giveBack(HttpClient client) {
        closeClient(client);
      }
    };
  }

  /**
   * One default client per JVM for each kind of request, lent to every app that uses it (the holder
   * idiom keeps it from being built before the first request). A JDK HttpClient is thread-safe and
   * keeps no per-app state (no cookies, no authenticator; credentials go in each request), and each
   * new one costs 4-7 ms of TLS set-up, a selector thread and a connection pool of its own. When
   * the last app using it is closed, it is closed too; the next request builds a new one.
   */
  static final class Shared implements Pool {
    static final Shared TLS = new Shared(false);
    static final Shared PLAIN = new Shared(true);

    private final boolean plain;
    private HttpClient client;
    private int lent;

    /** A pool of its own, for a test; apps share {@link #TLS} and {@link #PLAIN}. */
    Shared(boolean plain) {
      this.plain = plain;
    }

    @Override
    public synchronized HttpClient take() {
      if (client == null) {
        HttpClient.Builder builder =
            HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER);
        if (plain) {
          // Its TLS context refuses TLS: no trust store to load for the loopback.
          builder.sslContext(PlainHttpOnly.CONTEXT);
        }
        client = builder.build();
      }
      lent++;
      return client;
    }

    @Override
    public void giveBack(HttpClient returned) {
      HttpClient last = null;
      synchronized (this) {
        if (returned == client && --lent == 0) {
          last = client;
          client = null;
        }
      }
      if (last != null) {
        closeClient(last); // outside the lock: it waits for the requests still in flight
      }
    }

    /** How many open transports hold the client now. */
    synchronized int lent() {
      return lent;
    }
  }

  /**
   * Closes {@code client} where the JDK can (Java 21 and newer: it waits for the requests in
   * flight, then stops the selector thread). Worth it for a short-lived program: a JVM that exits
   * while that thread is waiting in native code waits about 300 ms for it. Java 17's client cannot
   * be closed; its thread ends once the client is unreachable.
   */
  static void closeClient(HttpClient client) {
    if (client instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        log.debug("Closing an HTTP client failed", e);
      }
    }
  }

  @Override
  public HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
    return "http".equalsIgnoreCase(request.uri().getScheme())
        ? transport(true).send(request)
        : transport(false).send(request);
  }

  /** Whether a client has been taken (and not given back) yet. */
  boolean isStarted() {
    return taken != null || plainTaken != null;
  }

  /**
   * Gives the clients back to their pools: the default ones are closed when no other app holds
   * them. Requests in flight finish first; a request after this takes a client again.
   */
  @Override
  public void close() {
    Taken tls;
    Taken plain;
    synchronized (this) {
      tls = taken;
      plain = plainTaken;
      taken = null;
      plainTaken = null;
    }
    if (tls != null) {
      pool.giveBack(tls.client());
    }
    if (plain != null) {
      plainPool.giveBack(plain.client());
    }
  }

  private HttpTransport transport(boolean plainRequest) {
    boolean plain = plainRequest && plainPool != pool; // else one client for both schemes
    Taken t = plain ? plainTaken : taken;
    if (t == null) {
      synchronized (this) {
        t = plain ? plainTaken : taken;
        if (t == null) {
          HttpClient client = (plain ? plainPool : pool).take();
          t = new Taken(client, HttpTransport.of(client));
          if (plain) {
            plainTaken = t;
          } else {
            taken = t;
          }
        }
      }
    }
    return t.transport();
  }

  @Override
  public String toString() {
    return "LazyTransport{" + (isStarted() ? "started" : "not started yet") + "}";
  }
}
