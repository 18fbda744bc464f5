package io.github.ghapp.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ghapp.auth.GitHubAppListener;
import io.github.ghapp.auth.InstallationToken;
import io.github.ghapp.auth.TokenKey;
import io.github.ghapp.auth.TokenRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the store keeps in Redis: sealed values under keys that tell scopes apart, with a TTL. */
class RedisTokenStoreTest {
  static final Instant EXPIRES = Instant.parse("2030-01-01T12:00:00Z");
  static final Clock HOUR_BEFORE =
      Clock.fixed(EXPIRES.minusSeconds(3600), ZoneOffset.UTC); // a fresh token's whole life

  @TempDir static Path dir;
  static RedisServer redis;

  @BeforeAll
  static void startRedis() {
    redis = RedisServer.start(dir);
  }

  @AfterAll
  static void stopRedis() {
    redis.stop();
  }

  @BeforeEach
  void flush() throws IOException {
    Resp.call(redis.port(), "FLUSHALL");
  }

  static TokenKey key(String baseUrl, String app, long installation, TokenRequest request) {
    return new TokenKey(baseUrl, app, installation, request);
  }

  static TokenKey key() {
    return key("https://api.github.com", "Iv23liABC", 42, TokenRequest.all());
  }

  static InstallationToken token(String secret) {
    return new InstallationToken(
        "ghs_" + secret, EXPIRES, Map.of("contents", "read"), "all", List.of());
  }

  private RedisTokenStore store(Clock clock) {
    return RedisTokenStore.builder().uri(redis.uri()).sealingKey(Keys.SEALING).clock(clock).build();
  }

  @Test
  void build_withoutASealingKey_refusesSayingHowToMakeOne() {
    assertThatThrownBy(() -> RedisTokenStore.builder().uri(redis.uri()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs a sealing key")
        .hasMessageContaining("openssl rand -base64 32");
  }

  @Test
  void build_withNoRedisAndNoKey_namesBothProblems() {
    assertThatThrownBy(() -> RedisTokenStore.builder().build())
        .hasMessageContaining("say where Redis is")
        .hasMessageContaining("sealing key");
  }

  @Test
  void put_storesTheTokenSealed_neverInClear() throws IOException {
    try (RedisTokenStore store = store(HOUR_BEFORE)) {
      store.put(key(), token("SECRETVALUE"));

      String raw = Resp.call(redis.port(), "GET", store.keyName(key()));
      assertThat(raw).isNotNull().doesNotContain("SECRETVALUE").doesNotContain("ghs_");
      assertThat(store.get(key()).token()).isEqualTo("ghs_SECRETVALUE");
    }
  }

  @Test
  void put_setsTheTimeToLiveFromExpiresAt() throws IOException {
    try (RedisTokenStore store = store(HOUR_BEFORE)) {
      store.put(key(), token("ttl"));

      long ttl = Long.parseLong(Resp.call(redis.port(), "PTTL", store.keyName(key())).substring(1));
      assertThat(ttl).isPositive().isLessThanOrEqualTo(3_600_000L).isGreaterThan(3_000_000L);
    }
  }

  @Test
  void put_ofAnExpiredToken_leavesNothingInRedis() throws IOException {
    try (RedisTokenStore store = store(HOUR_BEFORE)) {
      store.put(key(), token("live"));
      store.put(
          key(),
          new InstallationToken("ghs_dead", EXPIRES.minusSeconds(7200), Map.of(), null, List.of()));

      assertThat(Resp.call(redis.port(), "EXISTS", store.keyName(key()))).isEqualTo(":0");
      assertThat(store.get(key())).isNull();
    }
  }

  @Test
  void get_afterTheTokenExpiredByTheClock_isNull() {
    try (RedisTokenStore writer = store(HOUR_BEFORE);
        RedisTokenStore late = store(Clock.fixed(EXPIRES.plusSeconds(1), ZoneOffset.UTC))) {
      writer.put(key(), token("old"));

      assertThat(late.get(key())).isNull();
    }
  }

  @Test
  void valueCopiedUnderAnotherKey_doesNotOpen() throws IOException {
    TokenKey other = key("https://api.github.com", "Iv23liABC", 43, TokenRequest.all());
    try (RedisTokenStore store = store(HOUR_BEFORE)) {
      store.put(key(), token("installation42"));

      Resp.call(redis.port(), "COPY", store.keyName(key()), store.keyName(other), "REPLACE");

      assertThat(Resp.call(redis.port(), "EXISTS", store.keyName(other))).isEqualTo(":1");
      assertThat(store.get(other)).isNull();
    }
  }

  @Test
  void storeWithAnotherSealingKey_findsNothing() {
    try (RedisTokenStore store = store(HOUR_BEFORE);
        RedisTokenStore stranger =
            RedisTokenStore.builder()
                .uri(redis.uri())
                .sealingKey(Keys.OTHER)
                .clock(HOUR_BEFORE)
                .build()) {
      store.put(key(), token("mine"));

      assertThat(stranger.get(key())).isNull();
    }
  }

  @Test
  void keys_ofTwoAppsHostsAndScopes_differAndShareOneHashTagWithTheirLease() {
    TokenRequest scope =
        TokenRequest.builder().repositories("a").permission("contents", "read").build();
    List<TokenKey> keys =
        List.of(
            key("https://api.github.com", "Iv23liABC", 42, scope),
            key("https://ghe.example.com/api/v3", "Iv23liABC", 42, scope),
            key("https://api.github.com", "Iv23liXYZ", 42, scope),
            key("https://api.github.com", "Iv23liABC", 42, TokenRequest.all()),
            key("https://api.github.com", "Iv23liABC", 43, scope));
    try (RedisTokenStore store = store(HOUR_BEFORE)) {
      List<String> names = keys.stream().map(store::keyName).toList();

      assertThat(names).doesNotHaveDuplicates();
      assertThat(names.get(0))
          .startsWith("ghapp:{https://api.github.com|Iv23liABC|42|")
          .endsWith("}:token");
      for (int i = 0; i < keys.size(); i++) {
        store.put(keys.get(i), token("k" + i));
      }
      for (int i = 0; i < keys.size(); i++) {
        assertThat(store.get(keys.get(i)).token()).isEqualTo("ghs_k" + i);
      }
    }
  }

  @Test
  void aclUserAndPassword_connect_andThePasswordIsNeverShown() throws IOException {
    String password = "s3cret-Pa55word";
    Path aclDir = dir.resolve("acl");
    try (RedisServer secured =
        RedisServer.start(
            aclDir,
            "--user",
            "default",
            "off",
            "--user",
            "fleet",
            "on",
            ">" + password,
            "~*",
            "&*",
            "+@all")) {
      String uri = "redis://fleet:" + password + "@127.0.0.1:" + secured.port();
      List<String> problems = new CopyOnWriteArrayList<>();
      GitHubAppListener listener =
          new GitHubAppListener() {
            @Override
            public void tokenStoreUnavailable(String store, String problem) {
              problems.add(store + " " + problem);
            }
          };
      try (LogCapture logs = new LogCapture();
          RedisTokenStore store =
              RedisTokenStore.builder()
                  .uri(uri)
                  .sealingKey(Keys.SEALING)
                  .clock(HOUR_BEFORE)
                  .build();
          RedisTokenStore wrong =
              RedisTokenStore.builder()
                  .uri("redis://fleet:not-" + password + "@127.0.0.1:" + secured.port())
                  .sealingKey(Keys.SEALING)
                  .listener(listener)
                  .build()) {
        store.put(key(), token("acl"));
        assertThat(store.get(key()).token()).isEqualTo("ghs_acl");
        assertThat(store.toString())
            .contains("redis://127.0.0.1:" + secured.port())
            .doesNotContain(password)
            .doesNotContain("fleet");

        assertThat(wrong.get(key())).isNull();
        assertThat(wrong.isDegraded()).isTrue();
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).doesNotContain(password);
        assertThat(logs.warnings()).hasSize(1);
        assertThat(logs.lines()).noneMatch(line -> line.contains(password));
      }
    }
    assertThatThrownBy(
            () -> RedisTokenStore.builder().uri("redis://fleet:" + password + "@host:port/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("redis://***@host:port/x")
        .hasMessageNotContaining(password);
  }
}
