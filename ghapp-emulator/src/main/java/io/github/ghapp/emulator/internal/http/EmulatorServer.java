package io.github.ghapp.emulator.internal.http;

import io.github.ghapp.emulator.internal.EmulatorCore;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty on 127.0.0.1 only. One servlet context at {@code /}: {@link ApiServlet} takes every path;
 * surfaces that are servlets themselves (JGit's {@code GitServlet}) are added to {@link #context()}
 * before {@link #start()}, with a more specific mapping or a filter in front of the API servlet.
 */
public final class EmulatorServer {

  private final Server server;
  private final ServerConnector connector;
  private final ServletContextHandler context;

  public EmulatorServer(EmulatorCore core, Router router, int port) {
    QueuedThreadPool threads = new QueuedThreadPool(64, 2);
    threads.setName("ghapp-emulator");
    threads.setDaemon(true);
    server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    // The API servlet writes GitHub's own Date and Server headers.
    http.setSendDateHeader(false);
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(new ServletHolder("api", new ApiServlet(core, router)), "/*");
    server.setHandler(context);
    server.setStopTimeout(2_000);
  }

  /** Binds the port now, so that its number is known before any request can arrive. */
  public int bind() throws Exception {
    connector.open();
    return connector.getLocalPort();
  }

  public void start() throws Exception {
    server.start();
  }

  public void stop() throws Exception {
    server.stop();
  }

  /** The servlet context, for surfaces that bring their own servlet or filter. */
  public ServletContextHandler context() {
    return context;
  }
}
