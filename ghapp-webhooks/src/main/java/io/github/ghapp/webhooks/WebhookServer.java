package io.github.ghapp.webhooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A small HTTP server that feeds one path's POSTs to a {@link Webhooks} and answers with its
 * result. It runs on Jetty's core server (no servlets); inside an application that already has a
 * server, use {@code servlet.WebhookServlet} or call {@link Webhooks#handle} from its request
 * handler instead.
 *
 * <p>It speaks plain HTTP: put it behind the TLS-terminating proxy or load balancer that faces
 * GitHub. Slow and idle clients cost it a connection, never a thread: request headers must all
 * arrive within 10 s of a connection's opening (or of its previous answer), a body must come at 16
 * KiB/s or more on average, a connection silent for 10 s is closed, and at most 1,000 connections
 * are open at once (past that, new ones wait in the accept queue while idle ones are closed after 1
 * s). Bodies are read as they arrive; only a complete one takes one of the {@link
 * Builder#connectionThreads} to verify and route it, and handlers run on the {@link Webhooks}'
 * workers, so a slow handler never holds a connection either.
 *
 * <pre>{@code
 * try (WebhookServer server = WebhookServer.start(hooks, 3000, "/api/github/webhooks")) {
 *   log.info("listening on {}", server.uri());
 *   shutdownSignal.await();
 * }
 * }</pre>
 *
 * <p>Every POST to its path goes to {@link Webhooks#handle}, so the receiver's {@link
 * WebhookListener} hears of it; the 404s and 405s answered here are no deliveries and are not heard
 * of. Stopping the server does not close the {@link Webhooks}: whoever built it closes it, after
 * the server.
 */
public final class WebhookServer implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;
  private final URI uri;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private WebhookServer(Builder b) throws Exception {
    // the acceptor and the selector hold a thread each; the rest verify and route complete bodies
    QueuedThreadPool threads = new QueuedThreadPool(b.connectionThreads + 2, 2);
    threads.setName("ghapp-webhook-server");
    threads.setDaemon(true);
    threads.setReservedThreads(0);
    server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    // Jetty's 8 KiB would answer 431 before Webhooks can say which header is wrong (400)
    http.setRequestHeaderSize(64 * 1024);
    connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost(b.host);
    connector.setPort(b.port);
    connector.setIdleTimeout(b.idleTimeout.toMillis());
    connector.setAcceptQueueSize(b.maxConnections);
    // the answer's headers and body leave at once, not after the client's delayed ACK
    connector.setAcceptedTcpNoDelay(true);
    HeaderDeadline deadline = new HeaderDeadline(server.getScheduler(), b.headerTimeout.toMillis());
    connector.addBean(deadline);
    ConnectionLimit limit = new ConnectionLimit(b.maxConnections, connector);
    limit.setIdleTimeout(b.idleTimeoutWhenFull.toMillis());
    server.addBean(limit);
    server.addConnector(connector);
    server.setHandler(new DeliveryHandler(b.hooks, b.path, deadline, b.minBodyBytesPerSecond));
    server.setStopTimeout(0);
    try {
      server.start();
    } catch (Exception e) {
      server.stop();
      throw e;
    }
    InetAddress bound = InetAddress.getByName(b.host);
    String host = bound.isAnyLocalAddress() ? "localhost" : bound.getHostAddress();
    this.uri =
        URI.create(
            "http://"
                + (host.contains(":") ? "[" + host + "]" : host)
                + ":"
                + connector.getLocalPort()
                + b.path);
  }

  /**
   * Listens on every interface at {@code port} (0 picks a free one; see {@link #port()}) and hands
   * POSTs to {@code path} to {@code hooks}.
   *
   * @throws UncheckedIOException when the port cannot be bound
   */
  public static WebhookServer start(Webhooks hooks, int port, String path) {
    return builder(hooks).port(port).path(path).start();
  }

  /** For the less common settings: the interface to bind and the number of connection threads. */
  public static Builder builder(Webhooks hooks) {
    return new Builder(hooks);
  }

  /** The port it listens on; the one picked when started with port 0. */
  public int port() {
    return connector.getLocalPort();
  }

  /**
   * Where to point the App's webhook URL, e.g. {@code http://127.0.0.1:3000/api/github/webhooks}.
   */
  public URI uri() {
    return uri;
  }

  /**
   * Stops listening at once, closes open connections and frees the port. Requests still being read
   * are cut off (GitHub records them as failed); accepted deliveries keep running on the {@link
   * Webhooks}. Idempotent.
   */
  public void stop() {
    if (stopped.compareAndSet(false, true)) {
      try {
        server.stop();
      } catch (Exception e) {
        throw new IllegalStateException("the webhook server did not stop: " + e, e);
      }
    }
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "WebhookServer{" + uri + (stopped.get() ? ", stopped" : "") + "}";
  }

  /** Configures a {@link WebhookServer}. */
  public static final class Builder {
    private final Webhooks hooks;
    private String host = "0.0.0.0";
    private int port = 3000;
    private String path = "/api/github/webhooks";
    private int connectionThreads = 4;
    private Duration headerTimeout = Duration.ofSeconds(10);
    private Duration idleTimeout = Duration.ofSeconds(10);
    private Duration idleTimeoutWhenFull = Duration.ofSeconds(1);
    private int maxConnections = 1000;
    private long minBodyBytesPerSecond = 16 * 1024;

    private Builder(Webhooks hooks) {
      this.hooks = Objects.requireNonNull(hooks, "hooks");
    }

    /** The interface to listen on, e.g. {@code 127.0.0.1}; every interface by default. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The port (default 3000); 0 picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /** The path GitHub POSTs to (default {@code /api/github/webhooks}); other paths get 404. */
    public Builder path(String path) {
      if (path == null || !path.startsWith("/")) {
        throw new IllegalArgumentException(
            "path must start with '/', e.g. '/api/github/webhooks', got '" + path + "'");
      }
      this.path = path;
      return this;
    }

    /**
     * Threads that verify and route complete requests (default 4). Bodies are read without holding
     * one, so slow senders do not take them; the number bounds how many deliveries are parsed at
     * once.
     */
    public Builder connectionThreads(int threads) {
      if (threads <= 0) {
        throw new IllegalArgumentException("connectionThreads must be positive, got " + threads);
      }
      this.connectionThreads = threads;
      return this;
    }

    // Tighter limits for tests; the defaults are the documented ones.
    Builder headerTimeout(Duration timeout) {
      this.headerTimeout = timeout;
      return this;
    }

    Builder idleTimeout(Duration timeout) {
      this.idleTimeout = timeout;
      return this;
    }

    Builder idleTimeoutWhenFull(Duration timeout) {
      this.idleTimeoutWhenFull = timeout;
      return this;
    }

    Builder maxConnections(int max) {
      this.maxConnections = max;
      return this;
    }

    Builder minBodyBytesPerSecond(long rate) {
      this.minBodyBytesPerSecond = rate;
      return this;
    }

    /**
     * Binds and starts the server.
     *
     * @throws UncheckedIOException when the address cannot be bound (port in use, unknown host)
     */
    public WebhookServer start() {
      try {
        return new WebhookServer(this);
      } catch (Exception e) {
        if (!(e.getCause() instanceof IOException) && !(e instanceof IOException)) {
          throw new IllegalStateException("the webhook server did not start: " + e, e);
        }
        IOException io = e instanceof IOException ? (IOException) e : (IOException) e.getCause();
        throw new UncheckedIOException(
            "cannot listen on "
                + host
                + ":"
                + port
                + " ("
                + io.getMessage()
                + "); choose another port, or 0 for any free one",
            io);
      }
    }
  }
}
