package io.github.ghapp.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixtures start real servers, and say how to install one that is missing. */
class RedisServerTest {
  @TempDir Path dir;

  @Test
  void start_answersPing_untilStopped_andStartsAgainOnItsPort() throws IOException {
    try (RedisServer redis = RedisServer.start(dir)) {
      assertThat(Resp.call(redis.port(), "PING")).isEqualTo("+PONG");
      assertThat(Resp.call(redis.port(), "CONFIG", "GET", "save")).isEqualTo("save\n\n");

      redis.stop();
      assertThat(redis.isRunning()).isFalse();
      assertThatThrownBy(() -> Resp.call(redis.port(), "PING")).isInstanceOf(IOException.class);

      redis.start();
      assertThat(Resp.call(redis.port(), "PING")).isEqualTo("+PONG");
    }
  }

  @Test
  void requireInstalled_missingProgram_saysHowToInstallIt() {
    assertThatThrownBy(() -> RedisServer.requireInstalled("redis-server-that-is-not-there"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("apt-get install -y redis-server");
  }

  @Test
  void cluster_ofThreeNodes_coversEverySlot() throws IOException {
    try (RedisCluster cluster = RedisCluster.start(dir)) {
      String info = Resp.call(cluster.nodes().get(0).port(), "CLUSTER", "INFO");
      assertThat(info).contains("cluster_state:ok", "cluster_slots_assigned:16384");
      assertThat(info).contains("cluster_known_nodes:3");
    }
  }
}
