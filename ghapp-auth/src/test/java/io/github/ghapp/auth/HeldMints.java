package io.github.ghapp.auth;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A transport over a real JDK client that can hold mint requests ({@code POST .../access_tokens})
 * before they leave, until the test releases them: a mint that is slow for exactly as long as the
 * test needs, so that what callers do meanwhile is checked without racing a timer.
 */
final class HeldMints implements HttpTransport {
  private final HttpTransport jdk = HttpTransport.of(HttpClient.newHttpClient());
  private final AtomicInteger arrived = new AtomicInteger();
  private volatile CountDownLatch gate = new CountDownLatch(0);

  /** Makes mint requests from now on wait until {@link #release()}. */
  void hold() {
    gate = new CountDownLatch(1);
  }

  /** Lets the held mint requests (and later ones) go to GitHub. */
  void release() {
    gate.countDown();
  }

  /** How many mint requests have been sent, or are held before being sent. */
  int mints() {
    return arrived.get();
  }

  @Override
  public HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
    if (request.method().equals("POST") && request.uri().getPath().endsWith("/access_tokens")) {
      arrived.incrementAndGet();
      gate.await();
    }
    return jdk.send(request);
  }
}
