package io.github.ghapp.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP server that feeds one path's POSTs to a {@link Webhooks} and answers with its
 * result. It is built on the JDK's own {@code com.sun.net.httpserver}, so a receiver needs no
 * server library at all; inside an application that already has one, use {@code
 * servlet.WebhookServlet} or call {@link Webhooks#handle} from its request handler instead.
 *
 * <p>It speaks plain HTTP: put it behind the TLS-terminating proxy or load balancer that faces
 * GitHub. Requests are read on a small pool of its own ({@link Builder#connectionThreads});
 * handlers run on the {@link Webhooks}' workers, so a slow handler never holds a connection.
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
  private static final Logger log = LoggerFactory.getLogger(WebhookServer.class);
  private static final long DISCARD_LIMIT = 1024 * 1024;

  static {
    // The JDK server writes an answer's headers and body as two TCP segments; with Nagle's
    // algorithm on, the body then waits for the client's delayed ACK, about 40 ms per answer on a
    // kept-alive connection (measured in ghapp-bench's WebhookBenchmark: p50 44 ms, 1.1 ms with
    // this set). The property is read once, when the JDK's server first starts, so set it unless
    // the application chose otherwise.
    System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService connections;
  private final String path;
  private final URI uri;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private WebhookServer(Builder b) throws IOException {
    this.path = b.path;
    this.server = HttpServer.create(new InetSocketAddress(b.host, b.port), 0);
    AtomicInteger count = new AtomicInteger();
    this.connections =
        Executors.newFixedThreadPool(
            b.connectionThreads,
            r -> {
              Thread t = new Thread(r, "ghapp-webhook-server-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    Webhooks hooks = b.hooks;
    server.createContext(path, exchange -> serve(hooks, exchange));
    server.setExecutor(connections);
    server.start();
    InetSocketAddress bound = server.getAddress();
    String host =
        bound.getAddress().isAnyLocalAddress() ? "localhost" : bound.getAddress().getHostAddress();
    this.uri =
        URI.create(
            "http://"
                + (host.contains(":") ? "[" + host + "]" : host)
                + ":"
                + bound.getPort()
                + path);
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
    return server.getAddress().getPort();
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
      server.stop(0);
      connections.shutdownNow();
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

  private void serve(Webhooks hooks, HttpExchange exchange) {
    try (exchange) {
      WebhookResult result;
      if (!exchange.getRequestURI().getPath().equals(path)) {
        result = new WebhookResult(404, "no webhook receiver here; it listens on " + path);
      } else if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "POST");
        result = new WebhookResult(405, "webhook deliveries are POSTed");
      } else {
        result = hooks.handle(firstValues(exchange.getRequestHeaders()), exchange.getRequestBody());
      }
      discardUnread(exchange.getRequestBody());
      respond(exchange, result);
    } catch (IOException | RuntimeException e) {
      // The client went away, or a bug: either way there is nobody left to answer, and the server
      // lives on.
      log.debug("webhook request from {} failed: {}", exchange.getRemoteAddress(), e.toString());
    }
  }

  /**
   * Reads and drops what is left of a refused body, up to {@link #DISCARD_LIMIT}. Closing a socket
   * with unread input makes TCP reset the connection, which can destroy the answer before the
   * client reads it: a sender of a slightly oversize body would see "connection reset" instead of
   * 413. Beyond the limit the sender is not worth the bandwidth, and gets the reset.
   */
  private static void discardUnread(InputStream body) throws IOException {
    byte[] sink = new byte[8192];
    long left = DISCARD_LIMIT;
    int n;
    while (left > 0 && (n = body.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
      left -= n;
    }
  }

  private static void respond(HttpExchange exchange, WebhookResult result) throws IOException {
    byte[] body = (result.message() + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(result.status(), body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static Map<String, String> firstValues(Map<String, List<String>> headers) {
    Map<String, String> first = new HashMap<>();
    headers.forEach(
        (name, values) -> {
          if (name != null && !values.isEmpty()) {
            first.put(name, values.get(0));
          }
        });
    return first;
  }

  /** Configures a {@link WebhookServer}. */
  public static final class Builder {
    private final Webhooks hooks;
    private String host = "0.0.0.0";
    private int port = 3000;
    private String path = "/api/github/webhooks";
    private int connectionThreads = 4;

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
     * Threads that read requests (default 4). Each holds a body of up to the receiver's size limit
     * while reading it, so this bounds memory as well as concurrency.
     */
    public Builder connectionThreads(int threads) {
      if (threads <= 0) {
        throw new IllegalArgumentException("connectionThreads must be positive, got " + threads);
      }
      this.connectionThreads = threads;
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
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot listen on "
                + host
                + ":"
                + port
                + " ("
                + e.getMessage()
                + "); choose another port, or 0 for any free one",
            e);
      }
    }
  }
}
