package io.github.ghapp.bench;

import io.github.ghapp.auth.InstallationToken;
import io.github.ghapp.auth.TokenKey;
import io.github.ghapp.auth.TokenProvider;
import io.github.ghapp.auth.TokenRequest;
import io.github.ghapp.auth.TokenStore;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.redis.RedisTokenStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the Redis token store costs, beside the in-memory store, against a {@code redis-server} on
 * loopback that the set-up starts ({@code apt-get install -y redis-server}):
 *
 * <ul>
 *   <li>{@code cachedToken_*}: {@link TokenProvider#token()} on a cached token (ns per call). The
 *       FRESH path never asks the store, so the two should be equal.
 *   <li>{@code storeRead_*}: what a refresh pays when another process already stored a fresh token:
 *       one {@code get} (for Redis one round trip, {@code GET}, and opening the sealed value).
 *   <li>{@code lockedMint_*}: what a refresh that mints pays for coordination, the mint itself left
 *       out: {@code mintLocked} around a read and a {@code put} (for Redis five round trips: {@code
 *       GET}, {@code SET NX PX} of the lease, {@code GET}, {@code SET PX} of the sealed token, and
 *       the release script).
 * </ul>
 *
 * <pre>
 * java -jar ghapp-bench/target/benchmarks.jar RedisStoreBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class RedisStoreBenchmark {
  private static final InstallationToken STORED =
      new InstallationToken(
          "ghs_" + "x".repeat(36),
          Instant.now().plusSeconds(3600),
          Map.of("contents", "read", "metadata", "read"),
          "selected",
          List.of());

  private Process redis;
  private Path redisDir;
  private GitHubEmulator emu;
  private RedisTokenStore redisStore;
  private TokenStore memoryStore;
  private TokenProvider viaMemory;
  private TokenProvider viaRedis;
  private final TokenKey key =
      new TokenKey("https://api.github.com", "Iv23liBench", 7, TokenRequest.all());

  @Setup(Level.Trial)
  public void start() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    redisDir = Files.createTempDirectory("ghapp-bench-redis");
    redis =
        new ProcessBuilder(
                "redis-server",
                "--port",
                String.valueOf(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                redisDir.toString())
            .redirectErrorStream(true)
            .redirectOutput(redisDir.resolve("redis.log").toFile())
            .start();
    awaitPort(port);
    byte[] sealingKey = new byte[32];
    Arrays.fill(sealingKey, (byte) 3);
    redisStore =
        RedisTokenStore.builder().uri("redis://127.0.0.1:" + port).sealingKey(sealingKey).build();
    memoryStore = TokenStore.inMemory(1000);
    emu = Fixtures.startEmulator();
    viaMemory = Fixtures.ghapp(emu).tokenStore(memoryStore).build().tokenProvider(42);
    viaRedis = Fixtures.ghapp(emu).tokenStore(redisStore).build().tokenProvider(42);
    viaMemory.token();
    viaRedis.token();
    memoryStore.put(key, STORED);
    redisStore.put(key, STORED);
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    redisStore.close();
    emu.close();
    redis.destroy();
    redis.waitFor(10, TimeUnit.SECONDS);
  }

  @Benchmark
  public String cachedToken_inMemoryStore() {
    return viaMemory.token();
  }

  @Benchmark
  public String cachedToken_redisStore() {
    return viaRedis.token();
  }

  @Benchmark
  public InstallationToken storeRead_inMemory() {
    return memoryStore.get(key);
  }

  @Benchmark
  public InstallationToken storeRead_redis() {
    return redisStore.get(key);
  }

  @Benchmark
  public InstallationToken lockedMint_inMemory() {
    return memoryStore.mintLocked(key, () -> readThenStore(memoryStore));
  }

  @Benchmark
  public InstallationToken lockedMint_redis() {
    return redisStore.mintLocked(key, () -> readThenStore(redisStore));
  }

  /** A refresh's work inside the lock, with the mint replaced by a token at hand. */
  private InstallationToken readThenStore(TokenStore store) {
    store.get(key);
    store.put(key, STORED);
    return STORED;
  }

  private static void awaitPort(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
        if (socket.getInputStream().read() == '+') {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(20); // a benchmark's set-up, not a test: nothing to wait on but the port
    }
    throw new UncheckedIOException(new IOException("redis-server did not start on port " + port));
  }
}
