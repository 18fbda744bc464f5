package io.github.ghapp.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.auth.TokenKey;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store on your own Lettuce client or connection uses it and leaves it open when closed. */
class YourClientTest {
  @TempDir Path dir;

  @Test
  void yourClientAndYourConnection_serveTheStore_andStayOpenAfterIt() {
    TokenKey key = RedisTokenStoreTest.key();
    try (RedisServer redis = RedisServer.start(dir)) {
      RedisClient client = RedisClient.create(RedisURI.create(redis.uri()));
      try {
        StatefulRedisConnection<byte[], byte[]> connection =
            client.connect(ByteArrayCodec.INSTANCE);
        try (RedisTokenStore onConnection =
            RedisTokenStore.builder().connection(connection).sealingKey(Keys.SEALING).build()) {
          onConnection.put(key, RedisTokenStoreTest.token("yours"));
          assertThat(onConnection.toString()).contains("your connection");
        }
        assertThat(connection.isOpen()).as("your connection, not the store's").isTrue();

        try (RedisTokenStore onClient =
            RedisTokenStore.builder().client(client).sealingKey(Keys.SEALING).build()) {
          assertThat(onClient.get(key).token()).isEqualTo("ghs_yours");
        }
        assertThat(connection.sync().ping()).isEqualTo("PONG");
        connection.close();
      } finally {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      }
    }
  }
}
