package io.github.ghapp.auth.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.github.ghapp.auth.internal.token.ConcurrentCallers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LazyTransportTest {
  private final AtomicInteger built = new AtomicInteger();
  private final CountDownLatch mayBuild = new CountDownLatch(1);
  private HttpServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            exchange.sendResponseHeaders(204, -1);
          }
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  /** Counts each call, then builds a client as soon as the test lets it ({@link #mayBuild}). */
  private final Supplier<HttpClient> countingFactory =
      () -> {
        built.incrementAndGet();
        try {
          mayBuild.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return HttpClient.newHttpClient();
      };

  @Test
  void constructor_buildsNoClientUntilTheFirstRequest() {
    LazyTransport transport = new LazyTransport(countingFactory);

    assertThat(built).hasValue(0);
    assertThat(transport.isStarted()).isFalse();
  }

  @Test
  void send_manyCallersRacingForTheFirstRequest_allShareOneClient() {
    LazyTransport transport = new LazyTransport(countingFactory);
    URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    HttpRequest request = HttpRequest.newBuilder(uri).build();

    ConcurrentCallers<Integer> callers =
        ConcurrentCallers.start(50, () -> transport.send(request).statusCode());
    callers.awaitAllStuck(); // one building the client, 49 waiting for it
    assertThat(built).hasValue(1);
    mayBuild.countDown();

    assertThat(callers.awaitResults()).hasSize(50).containsOnly(204);
    assertThat(built).hasValue(1);
    assertThat(transport.isStarted()).isTrue();
  }

  @Test
  void withDefaultClient_everyAppSharesTheOneJvmWideClient() {
    // Regression (security review #16): each new GitHubApp built its own JDK HttpClient (TLS
    // set-up,
    // a selector thread and a pool each), so a first mint cost 4-7 ms more than it needs.
    HttpClient first = LazyTransport.withDefaultClient().factory.get();
    HttpClient second = LazyTransport.withDefaultClient().factory.get();

    assertThat(second).isSameAs(first);
    assertThat(LazyTransport.withDefaultClient().plainFactory.get())
        .isSameAs(LazyTransport.withDefaultClient().plainFactory.get());
  }

  @Test
  void send_plainHttp_buildsOnlyThePlainClient() throws Exception {
    AtomicInteger tlsBuilt = new AtomicInteger();
    AtomicInteger plainBuilt = new AtomicInteger();
    LazyTransport transport =
        new LazyTransport(
            () -> {
              tlsBuilt.incrementAndGet();
              return HttpClient.newHttpClient();
            },
            () -> {
              plainBuilt.incrementAndGet();
              return HttpClient.newHttpClient();
            });
    URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");

    assertThat(transport.send(HttpRequest.newBuilder(uri).build()).statusCode()).isEqualTo(204);
    assertThat(transport.send(HttpRequest.newBuilder(uri).build()).statusCode()).isEqualTo(204);

    assertThat(plainBuilt).hasValue(1);
    assertThat(tlsBuilt).hasValue(0);
    assertThat(transport.isStarted()).isTrue();
  }

  @Test
  void withDefaultClient_plainHttp_goesThroughAClientThatRefusesTls() throws Exception {
    LazyTransport transport = LazyTransport.withDefaultClient();
    URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");

    assertThat(transport.send(HttpRequest.newBuilder(uri).build()).statusCode()).isEqualTo(204);

    SSLContext plain = transport.plainFactory.get().sslContext();
    assertThat(plain).isSameAs(PlainHttpOnly.CONTEXT);
    assertThatThrownBy(plain::createSSLEngine)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("plain http:// requests only");
    assertThat(transport.factory.get().sslContext()).isNotSameAs(PlainHttpOnly.CONTEXT);
  }
}
