package io.github.ghapp.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.emulator.GitHubEmulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What someone who can read Redis sees: neither {@code MONITOR} (every command the store sends, as
 * Redis received it) nor a dump ({@code SAVE}'s RDB file) holds a token that a real app minted.
 */
class NoTokenInClearTest {
  @TempDir Path dir;

  @Test
  void monitorAndDump_showNoToken() throws IOException {
    try (RedisServer redis = RedisServer.start(dir);
        GitHubEmulator emu = GitHubEmulator.builder().demoState().build().start();
        RedisTokenStore store =
            RedisTokenStore.builder().uri(redis.uri()).sealingKey(Keys.SEALING).build();
        Resp monitor = new Resp(redis.port())) {
      assertThat(monitor.send("MONITOR")).isEqualTo("+OK");
      GitHubApp app =
          GitHubApp.builder()
              .appId(1001)
              .privateKey(emu.app(1001).privateKeyPem())
              .baseUrl(emu.baseUrl())
              .tokenStore(store)
              .build();

      String token = app.tokenProvider(42).token();
      String again =
          GitHubApp.builder()
              .appId(1001)
              .privateKey(emu.app(1001).privateKeyPem())
              .baseUrl(emu.baseUrl())
              .tokenStore(store)
              .build()
              .tokenProvider(42)
              .token();
      assertThat(again).as("the second app read it from Redis").isEqualTo(token);
      Resp.call(redis.port(), "ECHO", "end-of-test");

      List<String> seen = new ArrayList<>();
      for (String line = monitor.read(); !line.contains("end-of-test"); line = monitor.read()) {
        seen.add(line);
      }
      assertThat(seen).anyMatch(l -> l.contains("\"SET\"")).anyMatch(l -> l.contains("\"GET\""));
      assertThat(seen).noneMatch(l -> l.contains(token)).noneMatch(l -> l.contains("ghs_"));

      assertThat(Resp.call(redis.port(), "SAVE")).isEqualTo("+OK");
      byte[] dump = Files.readAllBytes(dir.resolve("dump.rdb"));
      String text = new String(dump, StandardCharsets.ISO_8859_1);
      assertThat(text).contains("ghapp:{").doesNotContain(token).doesNotContain("ghs_");
    }
  }
}
