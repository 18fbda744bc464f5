package io.github.ghapp.redis;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A three-node Redis Cluster on free loopback ports (no replicas), made the way an operator makes
 * one: {@code redis-server --cluster-enabled yes} three times, then {@code redis-cli --cluster
 * create}; ready once every node reports {@code cluster_state:ok}.
 */
final class RedisCluster implements AutoCloseable {
  private final List<RedisServer> nodes = new ArrayList<>();

  private RedisCluster() {}

  static RedisCluster start(Path directory) {
    RedisServer.requireInstalled(RedisServer.CLI);
    RedisCluster cluster = new RedisCluster();
    try {
      for (int i = 0; i < 3; i++) {
        Path dir = directory.resolve("node" + i);
        cluster.nodes.add(
            RedisServer.start(
                dir,
                "--cluster-enabled",
                "yes",
                "--cluster-config-file",
                dir.resolve("nodes.conf").toString(),
                "--cluster-node-timeout",
                "2000"));
      }
      cluster.create(directory);
      return cluster;
    } catch (RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  /** The seed URIs, one per node, as {@code RedisClusterClient.create} takes them. */
  List<String> uris() {
    return nodes.stream().map(RedisServer::uri).toList();
  }

  List<RedisServer> nodes() {
    return nodes;
  }

  private void create(Path directory) {
    List<String> command = new ArrayList<>(List.of(RedisServer.CLI, "--cluster", "create"));
    nodes.forEach(n -> command.add("127.0.0.1:" + n.port()));
    command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    try {
      Path log = directory.resolve("cluster-create.log");
      Process create =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!create.waitFor(30, TimeUnit.SECONDS) || create.exitValue() != 0) {
        create.destroyForcibly();
        throw new AssertionError(
            "redis-cli --cluster create failed: "
                + java.nio.file.Files.readString(log, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    for (RedisServer node : nodes) {
      await("cluster_state:ok on port " + node.port())
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(50))
          .ignoreExceptions()
          .until(() -> Resp.call(node.port(), "CLUSTER", "INFO").contains("cluster_state:ok"));
    }
  }

  @Override
  public void close() {
    nodes.forEach(RedisServer::stop);
  }
}
