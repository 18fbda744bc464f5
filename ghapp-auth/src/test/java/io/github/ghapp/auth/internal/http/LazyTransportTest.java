package io.github.ghapp.auth.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.util.concurrent.atomic.AtomicReference;
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
  void withDefaultClient_everyAppSharesTheOneJvmWideClient() throws Exception {
    // Regression (security review #16): each new GitHubApp built its own JDK HttpClient (TLS
    // set-up, a selector thread and a pool each), so a first mint cost 4-7 ms more than it needs.
    LazyTransport first = LazyTransport.withDefaultClient();
    LazyTransport second = LazyTransport.withDefaultClient();

    first.send(request());
    second.send(request());

    assertThat(first.pool).isSameAs(second.pool).isSameAs(LazyTransport.Shared.TLS);
    assertThat(first.plainPool).isSameAs(second.plainPool).isSameAs(LazyTransport.Shared.PLAIN);
    assertThat(LazyTransport.Shared.PLAIN.lent()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void close_lastTransportOnASharedClient_closesItAndTheNextRequestBuildsANewOne()
      throws Exception {
    LazyTransport.Shared shared = new LazyTransport.Shared(true);
    LazyTransport first = new LazyTransport(shared, shared);
    LazyTransport second = new LazyTransport(shared, shared);
    first.send(request());
    second.send(request());
    HttpClient client = shared.take();
    shared.giveBack(client); // only to see which client they hold

    first.close();
    assertThat(shared.lent()).isEqualTo(1);
    assertThat(isTerminated(client)).isFalse();
    assertThat(second.send(request()).statusCode()).isEqualTo(204);

    second.close();
    assertThat(shared.lent()).isZero();
    assertThat(second.isStarted()).isFalse();
    assumeTrue(Runtime.version().feature() >= 21, "a JDK HttpClient can be closed from Java 21 on");
    assertThat(isTerminated(client)).isTrue();

    assertThat(second.send(request()).statusCode()).isEqualTo(204);
    assertThat(shared.take()).isNotSameAs(client);
  }

  @Test
  void close_unsharedClient_closesItEvenWhenNoRequestIsInFlight() throws Exception {
    AtomicReference<HttpClient> built = new AtomicReference<>();
    LazyTransport transport =
        new LazyTransport(
            () -> {
              built.set(HttpClient.newHttpClient());
              return built.get();
            });
    transport.send(request());

    transport.close();
    transport.close(); // a second close is harmless

    assertThat(transport.isStarted()).isFalse();
    assumeTrue(Runtime.version().feature() >= 21, "a JDK HttpClient can be closed from Java 21 on");
    assertThat(isTerminated(built.get())).isTrue();
  }

  @Test
  void close_beforeAnyRequest_takesNoClient() {
    LazyTransport transport = new LazyTransport(countingFactory);

    transport.close();

    assertThat(built).hasValue(0);
  }

  private HttpRequest request() {
    return HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"))
        .build();
  }

  private static SSLContext sslContextOf(LazyTransport.Pool pool) {
    HttpClient client = pool.take();
    try {
      return client.sslContext();
    } finally {
      pool.giveBack(client);
    }
  }

  /** {@code HttpClient.isTerminated()}, which Java 21 added (this module compiles for 17). */
  private static boolean isTerminated(HttpClient client) throws Exception {
    if (Runtime.version().feature() < 21) {
      return false;
    }
    return (boolean) HttpClient.class.getMethod("isTerminated").invoke(client);
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

    SSLContext plain = sslContextOf(transport.plainPool);
    assertThat(plain).isSameAs(PlainHttpOnly.CONTEXT);
    assertThatThrownBy(plain::createSSLEngine)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("plain http:// requests only");
    assertThat(sslContextOf(transport.pool)).isNotSameAs(PlainHttpOnly.CONTEXT);
  }
}
