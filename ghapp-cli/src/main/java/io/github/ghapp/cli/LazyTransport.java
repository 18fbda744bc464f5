package io.github.ghapp.cli;

import io.github.ghapp.auth.HttpTransport;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The JDK's HTTP client, made on the first request. A command answered from the token cache sends
 * none, and creating the client (which sets up TLS at once) is a good part of a cached {@code ghapp
 * token}'s start-up time. Configured as the library's own default client is.
 */
final class LazyTransport implements HttpTransport {
  private volatile HttpTransport delegate;

  @Override
  public HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
    HttpTransport transport = delegate;
    if (transport == null) {
      synchronized (this) {
        if (delegate == null) {
          delegate =
              HttpTransport.of(
                  HttpClient.newBuilder()
                      .connectTimeout(Duration.ofSeconds(10))
                      .followRedirects(HttpClient.Redirect.NEVER)
                      .build());
        }
        transport = delegate;
      }
    }
    return transport.send(request);
  }
}
