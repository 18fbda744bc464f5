package io.github.ghapp.webhooks.servlet;

import io.github.ghapp.webhooks.WebhookResult;
import io.github.ghapp.webhooks.Webhooks;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Receives GitHub webhooks inside any Jakarta Servlet 6 container (Jetty 12, Tomcat 10.1, Undertow,
 * Spring Boot 3): POSTs are handed to a {@link Webhooks} and answered with its status and reason;
 * other methods get 405. The request body is read as a stream, so an oversize delivery is refused
 * without being read whole.
 *
 * <pre>{@code
 * ServletContextHandler context = new ServletContextHandler();
 * context.addServlet(new ServletHolder(new WebhookServlet(hooks)), "/api/github/webhooks");
 * }</pre>
 *
 * <p>Each POST goes to {@link Webhooks#handle}, so the receiver's {@link
 * io.github.ghapp.webhooks.WebhookListener} hears of it. The servlet does not own the {@link
 * Webhooks}: close it when the application stops.
 */
public class WebhookServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final long DISCARD_LIMIT = 1024 * 1024;

  // Servlets are Serializable for session replication of the container, never of this field's
  // state.
  private final transient Webhooks hooks;

  public WebhookServlet(Webhooks hooks) {
    this.hooks = Objects.requireNonNull(hooks, "hooks");
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    WebhookResult result = hooks.handle(headers(request), request.getInputStream());
    discardUnread(request.getInputStream());
    response.setStatus(result.status());
    response.setContentType("text/plain");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().println(result.message());
  }

  /**
   * Reads and drops up to 1 MiB left of a refused body, so that the sender of a slightly oversize
   * body reads its 413 instead of a connection reset; larger leftovers are left to the container.
   */
  private static void discardUnread(InputStream body) throws IOException {
    byte[] sink = new byte[8192];
    long left = DISCARD_LIMIT;
    int n;
    while (left > 0 && (n = body.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
      left -= n;
    }
  }

  private static Map<String, String> headers(HttpServletRequest request) {
    Map<String, String> headers = new HashMap<>();
    for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
      String name = names.nextElement();
      headers.put(name, request.getHeader(name));
    }
    return headers;
  }
}
