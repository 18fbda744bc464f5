package io.github.ghapp.emulator.internal.http;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;

/** What the emulator does to a request's connection itself, beneath the servlet API. */
final class Connections {

  private Connections() {}

  /**
   * Drops the connection with a TCP reset and no answer ({@code faults().resetNext}): linger 0
   * makes the close send RST, as a load balancer that gives up on a connection does, rather than
   * the FIN of an orderly close.
   */
  static void reset(HttpServletRequest request) {
    ServletContextRequest jetty = ServletContextRequest.getServletContextRequest(request);
    if (jetty == null) {
      throw new IllegalStateException("a reset needs Jetty's request beneath the servlet one");
    }
    EndPoint endPoint = jetty.getConnectionMetaData().getConnection().getEndPoint();
    if (endPoint.getTransport() instanceof NetworkChannel channel) {
      try {
        channel.setOption(StandardSocketOptions.SO_LINGER, 0);
      } catch (IOException e) {
        // closed already: the client sees it gone either way
      }
    }
    endPoint.close();
  }
}
