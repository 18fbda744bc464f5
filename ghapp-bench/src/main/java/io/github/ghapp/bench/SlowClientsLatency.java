package io.github.ghapp.bench;

import io.github.ghapp.emulator.GitHubEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The emulator's latency while many slow clients hold connections: {@code slow} connections each
 * trickle a request body one byte every two seconds (a slowloris on the body, which holds a server
 * thread in a blocking read), while one client measures {@code GET /meta} on fresh connections.
 * Prints p50, p99 and the maximum, and how many slow connections the emulator cut off (its minimum
 * data rate and idle timeout).
 *
 * <pre>
 * java -cp ghapp-bench/target/benchmarks.jar io.github.ghapp.bench.SlowClientsLatency [slow=500] [probes=2000]
 * </pre>
 *
 * <p>This prints with {@code System.out}: it is a command-line program whose output is the result.
 */
public final class SlowClientsLatency {
  private SlowClientsLatency() {}

  public static void main(String[] args) throws Exception {
    int slow = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int probes = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    PrintStream out = System.out;
    try (GitHubEmulator emu = Fixtures.startEmulator()) {
      int port = emu.port();
      List<Socket> held = new ArrayList<>();
      for (int i = 0; i < slow; i++) {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket
            .getOutputStream()
            .write(
                ("POST /_emulator/apps HTTP/1.1\r\nHost: 127.0.0.1:"
                        + port
                        + "\r\nContent-Type: application/json\r\nAuthorization: Bearer "
                        + emu.adminToken()
                        + "\r\nContent-Length: 100000\r\n\r\n{")
                    .getBytes(StandardCharsets.ISO_8859_1));
        held.add(socket);
      }
      ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
      int[] cut = {0};
      trickle.scheduleAtFixedRate(
          () -> {
            for (Socket socket : held) {
              if (!socket.isClosed()) {
                try {
                  socket.getOutputStream().write(' ');
                } catch (IOException e) {
                  closeQuietly(socket);
                  cut[0]++;
                }
              }
            }
          },
          2,
          2,
          TimeUnit.SECONDS);
      byte[] request =
          ("GET /meta HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1);
      long[] nanos = new long[probes];
      for (int i = 0; i < probes; i++) {
        long start = System.nanoTime();
        try (Socket probe = new Socket()) {
          probe.connect(new InetSocketAddress("127.0.0.1", port));
          probe.setSoTimeout(60_000);
          OutputStream o = probe.getOutputStream();
          o.write(request);
          InputStream in = probe.getInputStream();
          if (in.read() != 'H') {
            throw new IllegalStateException("no HTTP answer");
          }
          in.readAllBytes();
        }
        nanos[i] = System.nanoTime() - start;
      }
      trickle.shutdownNow();
      held.forEach(SlowClientsLatency::closeQuietly);
      Arrays.sort(nanos);
      out.printf(
          "GET /meta with %d slow bodies held: %d probes, p50 %.2f ms, p99 %.2f ms, max %.2f ms;"
              + " slow connections cut by the emulator: %d%n",
          slow,
          probes,
          nanos[probes / 2] / 1e6,
          nanos[(int) (probes * 0.99)] / 1e6,
          nanos[probes - 1] / 1e6,
          cut[0]);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // a slow client's socket, closed at the end
    }
  }
}
