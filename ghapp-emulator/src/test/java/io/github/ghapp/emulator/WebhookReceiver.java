package io.github.ghapp.emulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real webhook receiver for the tests: the JDK's HTTP server on 127.0.0.1, recording every POST
 * it gets.
 */
final class WebhookReceiver implements AutoCloseable {

  /** One request as received: the exact body bytes, headers by case-insensitive name. */
  record Received(String path, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name);
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(200);

  private WebhookReceiver(HttpServer server) {
    this.server = server;
  }

  static WebhookReceiver start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      WebhookReceiver receiver = new WebhookReceiver(server);
      server.createContext(
          "/",
          exchange -> {
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange
                .getRequestHeaders()
                .forEach((name, values) -> headers.put(name, values.get(0)));
            byte[] body = exchange.getRequestBody().readAllBytes();
            receiver.received.add(new Received(exchange.getRequestURI().getPath(), headers, body));
            exchange.sendResponseHeaders(receiver.status.get(), -1);
            exchange.close();
          });
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** The status to answer from now on. */
  void answer(int status) {
    this.status.set(status);
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
