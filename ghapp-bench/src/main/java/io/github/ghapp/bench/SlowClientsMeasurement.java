package io.github.ghapp.bench;

import io.github.ghapp.webhooks.WebhookServer;
import io.github.ghapp.webhooks.WebhookSignature;
import io.github.ghapp.webhooks.Webhooks;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Signed deliveries to a {@link WebhookServer} while 500 slow clients are held open (security
 * review #1): half of them send half a request line and then nothing, half send their headers and
 * then a body byte every 2 s. Whichever the server cuts off is opened again at once, so 500 stay
 * open throughout. Prints the p50, p99 and max latency of the deliveries, each on a new connection
 * as GitHub sends them. A measurement, not a test; run it with
 *
 * <pre>
 * mvn -B -o -ntp package -pl ghapp-bench -am -DskipTests \
 *   &amp;&amp; java -cp ghapp-bench/target/benchmarks.jar io.github.ghapp.bench.SlowClientsMeasurement [slow] [deliveries]
 * </pre>
 */
public final class SlowClientsMeasurement {
  private static final String SECRET = "measurement-secret";

  private SlowClientsMeasurement() {}

  public static void main(String[] args) throws Exception {
    int slow = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int deliveries = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    Webhooks hooks = Webhooks.builder().secret(SECRET).build();
    hooks.onAny(event -> {});
    WebhookServer server = WebhookServer.builder(hooks).host("127.0.0.1").port(0).start();
    ScheduledExecutorService trickle = Executors.newScheduledThreadPool(2);
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < slow; i++) {
        held.add(null);
        keepOpen(server, held, i, trickle);
      }
      byte[] body =
          "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}".getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < 200; i++) {
        deliver(server.uri(), body); // warm-up
      }
      long[] nanos = new long[deliveries];
      int notAccepted = 0;
      for (int i = 0; i < deliveries; i++) {
        long start = System.nanoTime();
        int status = deliver(server.uri(), body);
        nanos[i] = System.nanoTime() - start;
        if (status != 202) {
          notAccepted++;
        }
      }
      Arrays.sort(nanos);
      System.out.printf(
          "%d slow connections held, %d signed deliveries (each on a new connection): p50 %.2f ms,"
              + " p99 %.2f ms, max %.2f ms, %d not answered 202%n",
          slow,
          deliveries,
          nanos[deliveries / 2] / 1e6,
          nanos[(int) (deliveries * 0.99)] / 1e6,
          nanos[deliveries - 1] / 1e6,
          notAccepted);
    } finally {
      trickle.shutdownNow();
      synchronized (held) {
        for (Socket s : held) {
          if (s != null) {
            s.close();
          }
        }
      }
      server.stop();
      hooks.close();
    }
  }

  /** Opens slow connection {@code i}, and opens it again whenever the server cuts it off. */
  private static void keepOpen(
      WebhookServer server, List<Socket> held, int i, ScheduledExecutorService trickle) {
    try {
      Socket s = new Socket("127.0.0.1", server.port());
      synchronized (held) {
        held.set(i, s);
      }
      OutputStream out = s.getOutputStream();
      String path = server.uri().getPath();
      if (i % 2 == 0) {
        out.write(
            ("POST " + path + " HTTP/1.1\r\nHost: x\r\n").getBytes(StandardCharsets.US_ASCII));
      } else {
        out.write(
            ("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
      }
      out.flush();
      trickle.schedule(() -> tick(server, held, i, s, trickle), 2, TimeUnit.SECONDS);
    } catch (IOException e) {
      trickle.schedule(() -> keepOpen(server, held, i, trickle), 100, TimeUnit.MILLISECONDS);
    }
  }

  private static void tick(
      WebhookServer server, List<Socket> held, int i, Socket s, ScheduledExecutorService trickle) {
    try {
      // the body senders send a byte; the others learn by a read-ahead whether they were cut off
      if (i % 2 == 1) {
        s.getOutputStream().write('x');
        s.getOutputStream().flush();
      }
      s.setSoTimeout(1);
      int read;
      try {
        read = s.getInputStream().read();
      } catch (java.net.SocketTimeoutException stillOpen) {
        read = 0;
      }
      if (read != 0) {
        throw new IOException("cut off");
      }
      trickle.schedule(() -> tick(server, held, i, s, trickle), 2, TimeUnit.SECONDS);
    } catch (IOException cutOff) {
      try {
        s.close();
      } catch (IOException ignored) {
        // reopened below either way
      }
      keepOpen(server, held, i, trickle);
    }
  }

  /** One delivery on a connection of its own, as GitHub sends them; returns the status. */
  private static int deliver(URI uri, byte[] body) throws IOException {
    try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
      s.setSoTimeout(30_000);
      s.setTcpNoDelay(true);
      String head =
          "POST "
              + uri.getPath()
              + " HTTP/1.1\r\nHost: "
              + uri.getHost()
              + "\r\nConnection: close\r\nContent-Type: application/json\r\nX-GitHub-Event: ping\r\n"
              + "X-GitHub-Delivery: "
              + UUID.randomUUID()
              + "\r\nX-Hub-Signature-256: "
              + WebhookSignature.sign(SECRET, body)
              + "\r\nContent-Length: "
              + body.length
              + "\r\n\r\n";
      OutputStream out = s.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      return answer.startsWith("HTTP/1.1 ") ? Integer.parseInt(answer.substring(9, 12)) : -1;
    }
  }
}
