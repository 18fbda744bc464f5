package io.github.ghapp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.auth.InstallationToken;
import io.github.ghapp.auth.Repository;
import io.github.ghapp.auth.TokenKey;
import io.github.ghapp.auth.TokenRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTokenStoreTest {
  static final TokenKey KEY =
      new TokenKey(
          "https://api.github.com",
          "Iv23liABC",
          42,
          TokenRequest.builder().repositories("hello-world").build());
  static final InstallationToken TOKEN =
      new InstallationToken(
          "ghs_16C7e42F292c6912E7710c838347Ae178B4a",
          Instant.parse("2026-11-21T10:00:00Z"),
          Map.of("contents", "read", "metadata", "read"),
          "selected",
          List.of(new Repository(1296269, "octo-org", "hello-world", true)));

  @TempDir Path dir;

  @Test
  void put_thenGet_returnsTheSameTokenWithItsScope() {
    FileTokenStore store = new FileTokenStore(dir.resolve("tokens"), secret("key A"));

    store.put(KEY, TOKEN);
    InstallationToken read = new FileTokenStore(dir.resolve("tokens"), secret("key A")).get(KEY);

    assertThat(read).isEqualTo(TOKEN);
    assertThat(read.permissions()).isEqualTo(TOKEN.permissions());
    assertThat(read.repositorySelection()).isEqualTo("selected");
    assertThat(read.repositories()).isEqualTo(TOKEN.repositories());
  }

  @Test
  void put_writesAnOwnerOnlyFileInAnOwnerOnlyDirectory_withTheTokenEncrypted() throws Exception {
    new FileTokenStore(dir.resolve("tokens"), secret("key A")).put(KEY, TOKEN);

    Path file = dir.resolve("tokens").resolve(KEY.id() + ".token");
    assertThat(Files.getPosixFilePermissions(dir.resolve("tokens")))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    assertThat(bytes)
        .doesNotContain(TOKEN.token())
        .doesNotContain("ghs_")
        .doesNotContain("hello-world");
  }

  @Test
  void get_withAnotherAppsKey_findsNothing() {
    new FileTokenStore(dir, secret("key A")).put(KEY, TOKEN);

    assertThat(new FileTokenStore(dir, secret("key B")).get(KEY)).isNull();
  }

  @Test
  void get_ofAFileCopiedUnderAnotherKeysName_findsNothing() throws Exception {
    FileTokenStore store = new FileTokenStore(dir, secret("key A"));
    store.put(KEY, TOKEN);
    TokenKey other = new TokenKey(KEY.baseUrl(), KEY.app(), 43, KEY.request());

    Files.copy(dir.resolve(KEY.id() + ".token"), dir.resolve(other.id() + ".token"));

    assertThat(store.get(other)).isNull();
  }

  @Test
  void get_ofACorruptFile_findsNothing() throws Exception {
    FileTokenStore store = new FileTokenStore(dir, secret("key A"));
    store.put(KEY, TOKEN);
    Path file = dir.resolve(KEY.id() + ".token");
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 1] ^= 1;
    Files.write(file, bytes);

    assertThat(store.get(KEY)).isNull();
  }

  @Test
  void remove_forgetsTheToken() {
    FileTokenStore store = new FileTokenStore(dir, secret("key A"));
    store.put(KEY, TOKEN);

    store.remove(KEY);

    assertThat(store.get(KEY)).isNull();
  }

  @Test
  void readable_listsOnlyThisAppsTokensForThatGitHub() {
    FileTokenStore mine = new FileTokenStore(dir, secret("key A"));
    mine.put(KEY, TOKEN);
    mine.put(
        new TokenKey("https://ghe.example.com/api/v3", "Iv23liABC", 42, TokenRequest.all()), TOKEN);
    new FileTokenStore(dir, secret("key B"))
        .put(new TokenKey(KEY.baseUrl(), "other", 7, TokenRequest.all()), TOKEN);

    assertThat(mine.readable("https://api.github.com")).containsOnlyKeys(KEY.id());
  }

  @Test
  void mintLocked_letsOneThreadMintAtATimePerKey() throws Exception {
    FileTokenStore store = new FileTokenStore(dir, secret("key A"));
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger mostInside = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  return store.mintLocked(
                      KEY,
                      () -> {
                        mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        Thread.yield();
                        inside.decrementAndGet();
                        return TOKEN;
                      });
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(mostInside).hasValue(1);
  }

  private static byte[] secret(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
