package io.github.ghapp.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.auth.TokenStore;
import io.github.ghapp.testing.TokenStoreContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store on a three-node Redis Cluster keeps the contract too, its keys spread over slots. */
class RedisClusterContractTest extends TokenStoreContract {
  @TempDir static Path dir;
  static RedisCluster cluster;
  private RedisTokenStore opened;

  @BeforeAll
  static void startCluster() {
    cluster = RedisCluster.start(dir);
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @Override
  protected TokenStore newStore() {
    try {
      for (RedisServer node : cluster.nodes()) {
        Resp.call(node.port(), "FLUSHALL");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    opened =
        RedisTokenStore.builder()
            .cluster(cluster.uris().get(0))
            .sealingKey(Keys.SEALING)
            // the contract is about what is kept, not about speed on a busy machine
            .commandTimeout(Duration.ofSeconds(5))
            .build();
    return opened;
  }

  @AfterEach
  void closeStore() {
    opened.close();
  }

  @Test
  void tokenAndLease_ofOneKey_shareASlot() throws IOException {
    String token = opened.keyName(key());
    String lease = token.substring(0, token.length() - "token".length()) + "lease";
    int port = cluster.nodes().get(0).port();

    assertThat(Resp.call(port, "CLUSTER", "KEYSLOT", lease))
        .isEqualTo(Resp.call(port, "CLUSTER", "KEYSLOT", token));
  }
}
