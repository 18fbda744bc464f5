package io.github.ghapp.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.auth.TokenKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store reaches Redis through a Sentinel and over TLS, from URIs as Lettuce spells them. */
class SentinelAndTlsTest {
  @TempDir Path dir;

  @Test
  void sentinelUri_findsTheMasterAndStoresThere() throws IOException {
    try (RedisServer master = RedisServer.start(dir.resolve("master"));
        RedisServer sentinel = RedisServer.sentinel(dir.resolve("sentinel"), master, "tokens");
        RedisTokenStore store =
            RedisTokenStore.builder()
                .uri("redis-sentinel://127.0.0.1:" + sentinel.port() + "#tokens")
                .sealingKey(Keys.SEALING)
                .build()) {
      TokenKey key = RedisTokenStoreTest.key();

      store.put(key, RedisTokenStoreTest.token("sentinel"));

      assertThat(store.get(key).token()).isEqualTo("ghs_sentinel");
      assertThat(Resp.call(master.port(), "EXISTS", store.keyName(key))).isEqualTo(":1");
      assertThat(store.toString())
          .contains("redis-sentinel://127.0.0.1:" + sentinel.port() + "#tokens");
    }
  }

  @Test
  void redissUri_storesOverTls() throws Exception {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Process openssl =
        new ProcessBuilder(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1",
                "-keyout",
                key.toString(),
                "-out",
                cert.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("openssl.log").toFile())
            .start();
    assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(openssl.exitValue()).isZero();
    int tlsPort = RedisServer.freePort();
    try (RedisServer redis =
            RedisServer.start(
                dir.resolve("tls"),
                "--tls-port",
                String.valueOf(tlsPort),
                "--tls-cert-file",
                cert.toString(),
                "--tls-key-file",
                key.toString(),
                "--tls-ca-cert-file",
                cert.toString(),
                "--tls-auth-clients",
                "no");
        RedisTokenStore store =
            RedisTokenStore.builder()
                // a self-signed test certificate: not checked here
                .uri("rediss://127.0.0.1:" + tlsPort + "?verifyPeer=NONE")
                .sealingKey(Keys.SEALING)
                .build()) {
      TokenKey tokenKey = RedisTokenStoreTest.key();

      store.put(tokenKey, RedisTokenStoreTest.token("tls"));

      assertThat(store.isDegraded()).isFalse();
      assertThat(store.get(tokenKey).token()).isEqualTo("ghs_tls");
      assertThat(Resp.call(redis.port(), "EXISTS", store.keyName(tokenKey))).isEqualTo(":1");
      assertThat(store.toString()).contains("rediss://127.0.0.1:" + tlsPort);
    }
  }
}
