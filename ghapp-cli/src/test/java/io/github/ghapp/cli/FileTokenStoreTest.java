package io.github.ghapp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.auth.InstallationToken;
import io.github.ghapp.auth.Repository;
import io.github.ghapp.auth.TokenKey;
import io.github.ghapp.auth.TokenRequest;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
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
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
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

  @Test
  void get_ofAFileWrittenBeforeTheTokenCodec_readsIt() throws Exception {
    Path tokens = dir.resolve("tokens");
    Files.createDirectories(tokens);
    Files.write(
        tokens.resolve(KEY.id() + ".token"),
        FormatOne.write(secret("key A"), KEY.id(), KEY.baseUrl(), TOKEN));

    FileTokenStore store = new FileTokenStore(tokens, secret("key A"));

    InstallationToken read = store.get(KEY);
    assertThat(read).isEqualTo(TOKEN);
    assertThat(read.permissions()).isEqualTo(TOKEN.permissions());
    assertThat(read.repositorySelection()).isEqualTo("selected");
    assertThat(read.repositories()).isEqualTo(TOKEN.repositories());
    assertThat(store.readable(KEY.baseUrl())).containsOnlyKeys(KEY.id());
  }

  @Test
  void mintLocked_calledAgainInsideTheMint_takesTheFileLockOnce() {
    FileTokenStore store = new FileTokenStore(dir, secret("key A"));

    // A JVM may not lock one file twice (OverlappingFileLockException): the nested call reuses the
    // lock its thread holds.
    assertThat(store.mintLocked(KEY, () -> store.mintLocked(KEY, () -> TOKEN))).isSameAs(TOKEN);
  }

  /**
   * Token files as ghapp wrote them before {@link io.github.ghapp.auth.TokenCodec} existed (the
   * code that was in FileTokenStore then), to pin that a cache from an older version stays
   * readable.
   */
  private static final class FormatOne {
    static byte[] write(byte[] secret, String id, String baseUrl, InstallationToken token)
        throws Exception {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      SecretKeySpec key =
          new SecretKeySpec(
              mac.doFinal("ghapp token cache v1".getBytes(StandardCharsets.US_ASCII)), "AES");
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeUTF(baseUrl);
        out.writeUTF(token.token());
        out.writeLong(token.expiresAt().getEpochSecond());
        out.writeUTF(token.repositorySelection() == null ? "" : token.repositorySelection());
        out.writeInt(token.permissions().size());
        for (Map.Entry<String, String> p : token.permissions().entrySet()) {
          out.writeUTF(p.getKey());
          out.writeUTF(p.getValue());
        }
        out.writeInt(token.repositories().size());
        for (Repository r : token.repositories()) {
          out.writeLong(r.id());
          out.writeUTF(r.owner());
          out.writeUTF(r.name());
          out.writeBoolean(r.isPrivate());
        }
      }
      byte[] iv = new byte[12];
      new SecureRandom().nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
      cipher.updateAAD(id.getBytes(StandardCharsets.US_ASCII));
      byte[] sealed = cipher.doFinal(bytes.toByteArray());
      byte[] file = new byte[1 + 12 + sealed.length];
      file[0] = 1;
      System.arraycopy(iv, 0, file, 1, 12);
      System.arraycopy(sealed, 0, file, 13, sealed.length);
      return file;
    }
  }

  private static byte[] secret(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
