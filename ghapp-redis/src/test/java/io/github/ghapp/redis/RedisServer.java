package io.github.ghapp.redis;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} (Debian's package) on a free loopback port, in a directory of its
 * own, for one test class: started with no persistence unless asked ({@code --save ''}), ready once
 * it answers PING, stopped (or killed) and started again on the same port.
 *
 * <pre>{@code
 * RedisServer redis = RedisServer.start(tempDir);
 * RedisTokenStore store = RedisTokenStore.builder().uri(redis.uri()).codec(codec).build();
 * redis.stop();
 * }</pre>
 */
public final class RedisServer implements AutoCloseable {
  static final String SERVER = "redis-server";
  static final String CLI = "redis-cli";

  private final Path directory;
  private final int port;
  private final List<String> extraArgs;
  private final Path sentinelConfig;
  private Process process;

  private RedisServer(Path directory, int port, List<String> extraArgs, Path sentinelConfig) {
    this.directory = directory;
    this.port = port;
    this.extraArgs = extraArgs;
    this.sentinelConfig = sentinelConfig;
  }

  /** Starts a server in {@code directory} with {@code extraArgs} (e.g. {@code --requirepass}). */
  public static RedisServer start(Path directory, String... extraArgs) {
    RedisServer server = new RedisServer(directory, freePort(), List.of(extraArgs), null);
    server.start();
    return server;
  }

  /**
   * A Sentinel ({@code redis-server CONFIG --sentinel}) watching {@code master} under the name
   * {@code masterName}, with a quorum of one.
   */
  static RedisServer sentinel(Path directory, RedisServer master, String masterName) {
    int port = freePort();
    Path config = directory.resolve("sentinel-" + port + ".conf");
    try {
      Files.createDirectories(directory);
      Files.writeString(
          config,
          String.join(
              "\n",
              "port " + port,
              "bind 127.0.0.1",
              "dir " + directory,
              "sentinel monitor " + masterName + " 127.0.0.1 " + master.port() + " 1",
              ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RedisServer sentinel = new RedisServer(directory, port, List.of(), config);
    sentinel.start();
    return sentinel;
  }

  public int port() {
    return port;
  }

  /** {@code redis://127.0.0.1:PORT}, as Lettuce reads it. */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  Path directory() {
    return directory;
  }

  boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Starts the server again on its port after {@link #stop()} or {@link #kill()}. */
  synchronized void start() {
    if (isRunning()) {
      return;
    }
    requireInstalled(SERVER);
    List<String> command = new ArrayList<>();
    command.add(SERVER);
    if (sentinelConfig != null) {
      command.addAll(List.of(sentinelConfig.toString(), "--sentinel"));
    } else {
      command.addAll(
          List.of(
              "--port", String.valueOf(port),
              "--bind", "127.0.0.1",
              "--dir", directory.toString(),
              "--save", "",
              "--appendonly", "no",
              "--daemonize", "no",
              "--logfile", "redis-" + port + ".log"));
    }
    command.addAll(extraArgs);
    try {
      Files.createDirectories(directory);
      process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(directory.resolve("redis-" + port + ".out").toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    await("redis-server on port " + port + " answering PING")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(20))
        .ignoreExceptions()
        .until(() -> answersPing(port));
  }

  /** Stops the server (SIGTERM) and waits for it to be gone; again is no error. */
  public synchronized void stop() {
    end(false);
  }

  /** Freezes the server (SIGSTOP): connections stay open and nothing answers, as a hung host. */
  synchronized void pause() {
    signal("STOP");
  }

  /** Lets a paused server go on (SIGCONT). */
  synchronized void resume() {
    signal("CONT");
  }

  private void signal(String name) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new AssertionError("kill -" + name + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Kills the server (SIGKILL), as a crash would. */
  synchronized void kill() {
    end(true);
  }

  @Override
  public void close() {
    stop();
  }

  private void end(boolean kill) {
    if (process == null) {
      return;
    }
    if (kill) {
      process.destroyForcibly();
    } else {
      process.destroy();
    }
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    process = null;
  }

  /** True when a server on {@code port} answers PING (or asks for a password first). */
  static boolean answersPing(int port) throws IOException {
    String reply = Resp.call(port, "PING");
    return reply.equals("+PONG") || reply.startsWith("-NOAUTH");
  }

  /** Fails the test, saying how to install it, when {@code program} is not on the PATH. */
  static void requireInstalled(String program) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String dir : path.split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return;
      }
    }
    throw new AssertionError(
        program
            + " is not installed (not on the PATH): the ghapp-redis tests run a real Redis;"
            + " install it with 'apt-get install -y redis-server' (.ci/run does)");
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
