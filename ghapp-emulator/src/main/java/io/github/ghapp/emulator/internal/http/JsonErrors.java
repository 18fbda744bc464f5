package io.github.ghapp.emulator.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals (a header block over its limit, a URI too long or ambiguous, a body too
 * slow, a malformed request) in GitHub's error shape, {@code {message, documentation_url, status}}
 * as JSON, instead of Jetty's HTML pages: a client of GitHub's API parses every error body as JSON.
 * Installed on the server (errors before a request reaches the servlet) and on the servlet context
 * (errors the servlet layer raises, such as ambiguous URIs).
 */
public final class JsonErrors extends ErrorHandler {

  /** Errors raised while parsing, before any request exists: 400, 413, 414, 431. */
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, JsonAnswer.CONTENT_TYPE);
    fields.put(HttpHeader.SERVER, "GitHub.com");
    return ByteBuffer.wrap(body(status, reason));
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus();
    if (request.getAttribute(ERROR_STATUS) instanceof Integer code) {
      status = code;
    }
    String reason = request.getAttribute(ERROR_MESSAGE) instanceof String message ? message : null;
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, JsonAnswer.CONTENT_TYPE);
    response.getHeaders().put(HttpHeader.SERVER, "GitHub.com");
    response.write(true, ByteBuffer.wrap(body(status, reason)), callback);
    return true;
  }

  private static byte[] body(int status, String reason) {
    String message = reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason;
    try {
      return Json.MAPPER.writeValueAsBytes(
          Json.object()
              .put("message", message)
              .put("documentation_url", ApiException.REST_DOCS)
              .put("status", Integer.toString(status)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an error body of two strings always serialises", e);
    }
  }
}
