package io.github.ghapp.redis.internal;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The few commands the store sends, each bounded by the store's command timeout whatever the
 * connection's own settings, and each reporting to the {@link Outage}: a command that fails or
 * times out throws {@link RedisDown}, which the store turns into "go on without Redis".
 *
 * <p>The connection is opened on first use, not when the store is built, so that a service starts
 * while Redis is down; a failed connect is an outage like any other and is retried with it.
 * Standalone, Sentinel and Cluster connections all offer {@link RedisClusterAsyncCommands}, the
 * commands used here.
 */
public final class Redis implements AutoCloseable {
  private final Supplier<CompletionStage<? extends StatefulConnection<byte[], byte[]>>> connect;
  private final boolean closesConnection;
  private final Runnable closeClient;
  private final long timeoutNanos;
  private final long connectTimeoutNanos;
  private final Outage outage;
  private final List<String> secrets;
  private final Object connecting = new Object();
  private CompletableFuture<? extends StatefulConnection<byte[], byte[]>> pendingConnect;
  private volatile StatefulConnection<byte[], byte[]> connection;
  private volatile RedisClusterAsyncCommands<byte[], byte[]> commands;
  private volatile boolean closed;

  /**
   * @param connect opens the connection (called again after a failed connect)
   * @param closesConnection whether the store opened the connection (and so closes it)
   * @param closeClient shuts down the client when the store made it, else does nothing
   * @param secrets passwords to mask in any text that is logged
   */
  public Redis(
      Supplier<CompletionStage<? extends StatefulConnection<byte[], byte[]>>> connect,
      boolean closesConnection,
      Runnable closeClient,
      Duration timeout,
      Duration connectTimeout,
      Outage outage,
      List<String> secrets) {
    this.connect = connect;
    this.closesConnection = closesConnection;
    this.closeClient = closeClient;
    this.timeoutNanos = timeout.toNanos();
    this.connectTimeoutNanos = connectTimeout.toNanos();
    this.outage = outage;
    this.secrets = secrets;
  }

  /** A store given a connection: nothing to open, nothing to close. */
  public static Supplier<CompletionStage<? extends StatefulConnection<byte[], byte[]>>> given(
      StatefulConnection<byte[], byte[]> connection) {
    return () -> CompletableFuture.completedFuture(connection);
  }

  public Outage outage() {
    return outage;
  }

  public byte[] get(byte[] key) {
    return call(c -> c.get(key));
  }

  /** SET with a time to live in milliseconds. */
  public void set(byte[] key, byte[] value, long ttlMillis) {
    call(c -> c.set(key, value, SetArgs.Builder.px(ttlMillis)));
  }

  /** SET NX PX: true when the key was set (it did not exist). */
  public boolean setIfAbsent(byte[] key, byte[] value, long ttlMillis) {
    return "OK".equals(call(c -> c.set(key, value, SetArgs.Builder.nx().px(ttlMillis))));
  }

  public void delete(byte[] key) {
    call(c -> c.del(key));
  }

  /** Runs a script on one key (so one slot), returning its integer answer. */
  public long eval(String script, byte[] key, byte[]... args) {
    Long answer =
        call(c -> c.<Long>eval(script, ScriptOutputType.INTEGER, new byte[][] {key}, args));
    return answer == null ? 0 : answer;
  }

  private <T> T call(Function<RedisClusterAsyncCommands<byte[], byte[]>, RedisFuture<T>> command) {
    if (closed) {
      throw new RedisDown("the store is closed");
    }
    if (!outage.allows()) {
      throw new RedisDown("skipped during the outage");
    }
    Future<T> pending = null;
    try {
      RedisClusterAsyncCommands<byte[], byte[]> commands = commands();
      long deadline = System.nanoTime() + timeoutNanos;
      pending = command.apply(commands);
      T answer = pending.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      outage.succeeded();
      return answer;
    } catch (TimeoutException e) {
      cancel(pending);
      throw failed(
          pending == null
              ? "not connected within " + Duration.ofNanos(connectTimeoutNanos).toMillis() + " ms"
              : "no answer within " + Duration.ofNanos(timeoutNanos).toMillis() + " ms");
    } catch (ExecutionException e) {
      throw failed(Redacted.describe(e.getCause() == null ? e : e.getCause(), secrets));
    } catch (InterruptedException e) {
      cancel(pending);
      Thread.currentThread().interrupt();
      outage.succeeded(); // not Redis's fault: lets the next probe go
      throw new RedisDown("interrupted");
    } catch (RedisDown e) {
      throw e;
    } catch (RuntimeException e) {
      throw failed(Redacted.describe(e, secrets));
    }
  }

  private RedisDown failed(String problem) {
    outage.failed(problem);
    return new RedisDown(problem);
  }

  private static void cancel(Future<?> pending) {
    if (pending != null) {
      pending.cancel(false);
    }
  }

  /** Starts connecting now, so that the first command finds the connection open. */
  public void connectSoon() {
    synchronized (connecting) {
      if (pendingConnect == null) {
        pendingConnect = connect.get().toCompletableFuture();
      }
    }
  }

  private RedisClusterAsyncCommands<byte[], byte[]> commands()
      throws InterruptedException, ExecutionException, TimeoutException {
    RedisClusterAsyncCommands<byte[], byte[]> current = commands;
    if (current != null) {
      return current;
    }
    synchronized (connecting) {
      if (commands == null) {
        // A connect that outlives one caller's timeout is kept and waited for by the next, so a
        // slow Redis never leaves a trail of half-open connections.
        if (pendingConnect == null || pendingConnect.isCompletedExceptionally()) {
          pendingConnect = connect.get().toCompletableFuture();
        }
        StatefulConnection<byte[], byte[]> opened =
            pendingConnect.get(connectTimeoutNanos, TimeUnit.NANOSECONDS);
        connection = opened;
        commands = asyncOf(opened);
      }
      return commands;
    }
  }

  @SuppressWarnings("unchecked")
  private static RedisClusterAsyncCommands<byte[], byte[]> asyncOf(
      StatefulConnection<byte[], byte[]> connection) {
    if (connection instanceof StatefulRedisConnection<?, ?> standalone) {
      return ((StatefulRedisConnection<byte[], byte[]>) standalone).async();
    }
    if (connection instanceof StatefulRedisClusterConnection<?, ?> cluster) {
      return ((StatefulRedisClusterConnection<byte[], byte[]>) cluster).async();
    }
    throw new IllegalArgumentException(
        "a RedisTokenStore works on a StatefulRedisConnection or a StatefulRedisClusterConnection,"
            + " got a "
            + connection.getClass().getName());
  }

  /** The open connection, or null before the first command; for tests and for closing. */
  public StatefulConnection<byte[], byte[]> connection() {
    return connection;
  }

  @Override
  public void close() {
    closed = true;
    synchronized (connecting) {
      if (closesConnection && connection != null) {
        connection.close(); // before the client, which would otherwise close it under us
      } else if (closesConnection && pendingConnect != null) {
        pendingConnect.thenAccept(StatefulConnection::close);
      }
      closeClient.run();
    }
  }
}
