package io.github.ghapp.auth;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Sends one HTTP request and returns its answer. ghapp uses the JDK's {@link HttpClient}; replace
 * it to route requests through a proxy library, add tracing, or record traffic. Retries, deadlines
 * and authentication stay in ghapp: the transport just sends.
 *
 * <pre>{@code
 * HttpTransport traced = request -> {
 *   Span span = tracer.start(request.method() + " " + request.uri().getPath());
 *   try { return HttpTransport.of(client).send(request); } finally { span.end(); }
 * };
 * }</pre>
 */
@FunctionalInterface
public interface HttpTransport {

  /** Sends {@code request}; an I/O failure is retried by ghapp as its retry settings allow. */
  HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException;

  /** A transport over a JDK {@link HttpClient}. */
  static HttpTransport of(HttpClient client) {
    return request -> client.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }
}
