package io.github.ghapp.redis;

import io.github.ghapp.auth.GitHubAppListener;
import io.github.ghapp.auth.TokenCodec;
import io.github.ghapp.redis.internal.KeyLayout;
import io.github.ghapp.redis.internal.Outage;
import io.github.ghapp.redis.internal.Redacted;
import io.github.ghapp.redis.internal.Redis;
import io.github.ghapp.redis.internal.Uris;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import javax.crypto.SecretKey;

/**
 * Settings of a {@link RedisTokenStore}: where Redis is (exactly one of a URI, cluster seeds, your
 * client or your connection) and the sealing key are required; the rest have defaults. Each setter
 * may be called once; {@link #build()} names every missing or conflicting setting at once.
 *
 * <pre>{@code
 * RedisTokenStore store = RedisTokenStore.builder()
 *     .uri("redis-sentinel://sentinel-1:26379,sentinel-2:26379/0#tokens") // or redis://, rediss://
 *     .sealingKey(keyBytes)                   // 16 or 32 random bytes, the same in every process
 *     .prefix("myapp:ghapp:")
 *     .build();
 * }</pre>
 */
public final class RedisTokenStoreBuilder {
  private static final String HOW_TO_MAKE_A_KEY =
      "make one with 'openssl rand -base64 32', keep it like a password, give every process the"
          + " same one, and pass its bytes to sealingKey (or a TokenCodec to codec)";

  private final Set<String> set = new HashSet<>();
  private final List<String> secrets = new ArrayList<>();
  private RedisURI uri;
  private List<RedisURI> cluster;
  private RedisClient client;
  private RedisClusterClient clusterClient;
  private StatefulConnection<byte[], byte[]> connection;
  private String where;
  private TokenCodec codec;
  private String prefix = "ghapp:";
  private Duration commandTimeout = Duration.ofSeconds(1);
  private Duration connectTimeout = Duration.ofSeconds(5);
  private Duration leaseTime = Duration.ofSeconds(10);
  private Duration maxWait = Duration.ofSeconds(10);
  private Duration retryInterval = Duration.ofSeconds(1);
  private Clock clock = Clock.systemUTC();
  private GitHubAppListener listener = GitHubAppListener.NONE;

  RedisTokenStoreBuilder() {}

  /**
   * Redis at {@code uri}, as Lettuce reads it: {@code redis://[user:password@]host[:port][/db]},
   * {@code rediss://...} for TLS, {@code
   * redis-sentinel://[password@]host[:port][,host2[:port2]][/db]#master}. The store makes its own
   * client and closes it in {@link RedisTokenStore#close()}.
   */
  public RedisTokenStoreBuilder uri(String uri) {
    Objects.requireNonNull(uri, "uri");
    secrets.addAll(Uris.passwords(uri));
    return uri(Uris.parse(uri));
  }

  /** Redis at {@code uri}; see {@link #uri(String)}. */
  public RedisTokenStoreBuilder uri(RedisURI uri) {
    once("uri");
    this.uri = Objects.requireNonNull(uri, "uri");
    secrets.addAll(Uris.passwords(uri));
    return this;
  }

  /** A Redis Cluster, found from one or more of its nodes ({@code redis://host:port} each). */
  public RedisTokenStoreBuilder cluster(String... seedUris) {
    List<RedisURI> seeds = new ArrayList<>();
    for (String seed : seedUris) {
      secrets.addAll(Uris.passwords(Objects.requireNonNull(seed, "seed URI")));
      seeds.add(Uris.parse(seed));
    }
    return cluster(seeds);
  }

  /** A Redis Cluster, found from one or more of its nodes. */
  public RedisTokenStoreBuilder cluster(List<RedisURI> seeds) {
    once("cluster");
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("cluster needs at least one node's URI");
    }
    this.cluster = List.copyOf(seeds);
    seeds.forEach(seed -> secrets.addAll(Uris.passwords(seed)));
    return this;
  }

  /** Your client, connected to its default URI; the store opens a connection of its own on it. */
  public RedisTokenStoreBuilder client(RedisClient client) {
    once("client");
    this.client = Objects.requireNonNull(client, "client");
    return this;
  }

  /** Your cluster client; the store opens a connection of its own on it. */
  public RedisTokenStoreBuilder client(RedisClusterClient client) {
    once("client");
    this.clusterClient = Objects.requireNonNull(client, "client");
    return this;
  }

  /** Your connection (with {@link ByteArrayCodec}), shared with the rest of your program. */
  public RedisTokenStoreBuilder connection(StatefulRedisConnection<byte[], byte[]> connection) {
    once("connection");
    this.connection = Objects.requireNonNull(connection, "connection");
    return this;
  }

  /** Your cluster connection (with {@link ByteArrayCodec}). */
  public RedisTokenStoreBuilder connection(
      StatefulRedisClusterConnection<byte[], byte[]> connection) {
    once("connection");
    this.connection = Objects.requireNonNull(connection, "connection");
    return this;
  }

  /**
   * Seals values under this AES key: 16 or 32 random bytes, the same in every process. Required (or
   * {@link #codec}). Not derived from the app's private key: a key held in a KMS yields none.
   */
  public RedisTokenStoreBuilder sealingKey(byte[] key) {
    return codec(TokenCodec.of(Objects.requireNonNull(key, "sealingKey")));
  }

  /** Seals values under this AES key, e.g. one from a key store or a KMS provider. */
  public RedisTokenStoreBuilder sealingKey(SecretKey key) {
    return codec(TokenCodec.of(Objects.requireNonNull(key, "sealingKey")));
  }

  /** Seals values with this codec. */
  public RedisTokenStoreBuilder codec(TokenCodec codec) {
    once("sealing key");
    this.codec = Objects.requireNonNull(codec, "codec");
    return this;
  }

  /** Starts every key the store writes (default {@code ghapp:}), to share one Redis. */
  public RedisTokenStoreBuilder prefix(String prefix) {
    once("prefix");
    Objects.requireNonNull(prefix, "prefix");
    if (prefix.contains("{") || prefix.contains("}")) {
      throw new IllegalArgumentException(
          "the prefix must not hold '{' or '}': the store puts a Cluster hash tag after it");
    }
    this.prefix = prefix;
    return this;
  }

  /** How long one Redis command may take before the store goes on without it (default 1 s). */
  public RedisTokenStoreBuilder commandTimeout(Duration timeout) {
    once("commandTimeout");
    this.commandTimeout = positive("commandTimeout", timeout);
    return this;
  }

  /**
   * How long opening the connection may take (default 5 s). The store starts connecting when it is
   * built; a first command waits for that at most this long. Lettuce reconnects by itself after.
   */
  public RedisTokenStoreBuilder connectTimeout(Duration timeout) {
    once("connectTimeout");
    this.connectTimeout = positive("connectTimeout", timeout);
    return this;
  }

  /**
   * How long a mint lease lasts unless extended (default 10 s): a process that dies holding one
   * holds up the others this long. It is extended every third of it while the mint runs.
   */
  public RedisTokenStoreBuilder leaseTime(Duration leaseTime) {
    once("leaseTime");
    this.leaseTime = positive("leaseTime", leaseTime);
    return this;
  }

  /** How long a caller waits for another process's mint before minting itself (default 10 s). */
  public RedisTokenStoreBuilder maxWait(Duration maxWait) {
    once("maxWait");
    this.maxWait = positive("maxWait", maxWait);
    return this;
  }

  /** While Redis is down, how often one caller tries it again (default 1 s). */
  public RedisTokenStoreBuilder retryInterval(Duration retryInterval) {
    once("retryInterval");
    this.retryInterval = positive("retryInterval", retryInterval);
    return this;
  }

  /** The clock that decides a stored token's time to live (default UTC system clock). */
  public RedisTokenStoreBuilder clock(Clock clock) {
    once("clock");
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Hears outages ({@link GitHubAppListener#tokenStoreUnavailable}, {@link
   * GitHubAppListener#tokenStoreRecovered}) and mints without the lease ({@link
   * GitHubAppListener#mintUncoordinated}); pass the app's listener.
   */
  public RedisTokenStoreBuilder listener(GitHubAppListener listener) {
    once("listener");
    this.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /** Builds the store, or fails naming every missing or conflicting setting. */
  public RedisTokenStore build() {
    List<String> problems = new ArrayList<>();
    long places =
        Set.of("uri", "cluster", "client", "connection").stream().filter(set::contains).count();
    if (places == 0) {
      problems.add("say where Redis is: uri, cluster, client or connection");
    } else if (places > 1) {
      problems.add("give only one of uri, cluster, client and connection");
    }
    if (codec == null) {
      problems.add("a RedisTokenStore needs a sealing key; " + HOW_TO_MAKE_A_KEY);
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(String.join("; ", problems));
    }
    ScheduledExecutorService renewer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ghapp-redis-lease");
              t.setDaemon(true);
              return t;
            });
    Outage outage = new Outage(where(), listener, retryInterval);
    Redis redis = redis(outage);
    redis.connectSoon();
    return new RedisTokenStore(
        redis,
        new KeyLayout(prefix),
        codec,
        clock,
        leaseTime.toMillis(),
        maxWait.toNanos(),
        renewer,
        listener,
        where());
  }

  private String where() {
    if (where != null) {
      return where;
    }
    if (uri != null) {
      where = Redacted.uri(uri);
    } else if (cluster != null) {
      where = Redacted.uris(cluster);
    } else if (client != null) {
      where = "your RedisClient";
    } else if (clusterClient != null) {
      where = "your RedisClusterClient";
    } else {
      where = "your connection";
    }
    return where;
  }

  private Redis redis(Outage outage) {
    SocketOptions socket = SocketOptions.builder().connectTimeout(connectTimeout).build();
    Supplier<CompletionStage<? extends StatefulConnection<byte[], byte[]>>> connect;
    Runnable closeClient = () -> {};
    boolean closesConnection = true;
    if (uri != null) {
      RedisClient own = RedisClient.create();
      // Fail at once while disconnected (the store goes on without Redis) rather than queue.
      own.setOptions(
          ClientOptions.builder()
              .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
              .socketOptions(socket)
              .build());
      RedisURI target = uri;
      connect = () -> own.connectAsync(ByteArrayCodec.INSTANCE, target);
      closeClient = () -> shutDown(own);
    } else if (cluster != null) {
      RedisClusterClient own = RedisClusterClient.create(cluster);
      // Node connections open lazily, so rejecting commands while disconnected would refuse the
      // first command to each node; the command timeout bounds a queued one instead.
      own.setOptions(ClusterClientOptions.builder().socketOptions(socket).build());
      // connectAsync needs the topology loaded first; connect loads it (lettuce#928)
      connect = () -> inThread(() -> own.connect(ByteArrayCodec.INSTANCE));
      closeClient = () -> shutDown(own);
    } else if (client != null) {
      RedisClient yours = client;
      connect = () -> inThread(() -> yours.connect(ByteArrayCodec.INSTANCE));
    } else if (clusterClient != null) {
      RedisClusterClient yours = clusterClient;
      connect = () -> inThread(() -> yours.connect(ByteArrayCodec.INSTANCE));
    } else {
      connect = Redis.given(connection);
      closesConnection = false;
    }
    return new Redis(
        connect,
        closesConnection,
        closeClient,
        commandTimeout,
        connectTimeout,
        outage,
        List.copyOf(secrets));
  }

  // Netty's default quiet period would hold close() for 2 s; nothing of ours is in flight by then.
  private static void shutDown(AbstractRedisClient client) {
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }

  // RedisClient offers no asynchronous connect to its default URI, and a cluster client's needs its
  // topology loaded first: a short-lived thread connects.
  private static <T> CompletableFuture<T> inThread(Supplier<T> connect) {
    return CompletableFuture.supplyAsync(
        connect,
        r -> {
          Thread t = new Thread(r, "ghapp-redis-connect");
          t.setDaemon(true);
          t.start();
        });
  }

  private static Duration positive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
    return value;
  }

  private void once(String name) {
    if (!set.add(name)) {
      throw new IllegalStateException(name + " was already set");
    }
  }
}
