package io.github.ghapp.emulator.internal.http;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty on 127.0.0.1 only, with one servlet for every path: the {@link FrontDoor}. The port is
 * bound first ({@link #bind()}), so that the addresses are known to the parts built before the
 * server starts serving.
 */
public final class EmulatorServer {

  /** Server threads at most; each blocking read of a slow body holds one. */
  static final int MAX_THREADS = 256;

  /** Open connections at most; more wait in the accept queue. */
  static final int MAX_CONNECTIONS = 1024;

  /**
   * A connection silent this long is closed, a blocked body read with it (Jetty's default, kept: a
   * shorter one races clients reusing pooled connections). Trickling bodies are cut by {@link
   * RequestBodies}.
   */
  static final long IDLE_TIMEOUT_MILLIS = 30_000;

  private final Server server;
  private final ServerConnector connector;

  public EmulatorServer(int port) {
    // Threads are made only under load; enough that clients held in a blocking read (slow bodies,
    // until RequestBodies cuts them) cannot starve the others.
    QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 2);
    threads.setName("ghapp-emulator");
    threads.setDaemon(true);
    server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    // The surfaces write GitHub's own Date and Server headers.
    http.setSendDateHeader(false);
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    // Octokit writes the '/' inside {path} and {ref} as %2F and GitHub accepts it; Jetty's default
    // refuses it as ambiguous. The Router splits the raw path and decodes each segment itself.
    http.setUriCompliance(
        UriCompliance.DEFAULT.with("GITHUB", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
    connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    connector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
    server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, connector));
    server.setErrorHandler(new JsonErrors());
    server.addConnector(connector);
    server.setStopTimeout(2_000);
  }

  /** Binds the port now, so that its number is known before any request can arrive. */
  public int bind() throws Exception {
    connector.open();
    return connector.getLocalPort();
  }

  /** Starts serving every path through the door. */
  public void start(FrontDoor door) throws Exception {
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.setErrorHandler(new JsonErrors());
    // Servlet 6 refuses a decoded path with a %2F in it; the door reads only the raw URI.
    context.getServletHandler().setDecodeAmbiguousURIs(true);
    ServletHolder holder = new ServletHolder("front-door", door);
    // Initialised (JGit's filters with it) when the server starts, not on the first request.
    holder.setInitOrder(0);
    context.addServlet(holder, "/*");
    server.setHandler(context);
    server.start();
  }

  /** Stops serving; also closes a port bound by a start that failed before serving. */
  public void stop() throws Exception {
    server.stop();
    connector.close();
  }
}
