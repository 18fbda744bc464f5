package io.github.ghapp.redis;

import io.github.ghapp.auth.TokenStore;
import io.github.ghapp.testing.TokenStoreContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The store on a standalone Redis keeps the contract every TokenStore keeps. */
class RedisTokenStoreContractTest extends TokenStoreContract {
  @TempDir static Path dir;
  static RedisServer redis;
  private RedisTokenStore opened;

  @BeforeAll
  static void startRedis() {
    redis = RedisServer.start(dir);
  }

  @AfterAll
  static void stopRedis() {
    redis.stop();
  }

  @Override
  protected TokenStore newStore() {
    try {
      Resp.call(redis.port(), "FLUSHALL");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    opened =
        RedisTokenStore.builder()
            .uri(redis.uri())
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
}
