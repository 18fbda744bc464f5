package io.github.ghapp.cli;

import io.github.ghapp.auth.InstallationToken;
import io.github.ghapp.auth.Repository;
import io.github.ghapp.auth.TokenKey;
import io.github.ghapp.auth.TokenStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token cache on disk that lets a series of {@code ghapp token} and {@code git} invocations
 * mint once: one file per {@link TokenKey} under the user's cache directory, written atomically,
 * readable by its owner only ({@code 0600} in a {@code 0700} directory), and encrypted.
 *
 * <p>Encryption: AES-256-GCM with a key derived (HMAC-SHA256) from the app's private key, and the
 * file's key id as associated data. Anyone who can read the private key can mint tokens anyway;
 * anyone who cannot (a backup, a misconfigured home directory) learns nothing from the cache, and a
 * file copied under another key's name does not decrypt. A file that does not decrypt or parse is
 * treated as absent.
 *
 * <p>Mints are coordinated across processes with an exclusive {@link FileLock} on a lock file per
 * key, plus a lock per key inside this process (a JVM may not lock the same file twice). Token
 * files older than two tokens' lifetime are swept when a new token is stored.
 */
final class FileTokenStore implements TokenStore {
  private static final Logger log = LoggerFactory.getLogger(FileTokenStore.class);
  private static final int FORMAT = 1;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String SUFFIX = ".token";

  /** Files written longer ago than this hold dead tokens (GitHub's live an hour). */
  private static final Duration SWEEP_AGE = Duration.ofHours(2);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path directory;
  private final SecretKeySpec key;
  private final Map<String, ReentrantLock> localLocks = new ConcurrentHashMap<>();

  /**
   * @param directory where the token files go; created owner-only when missing
   * @param secret the app's key material the encryption key is derived from (not stored)
   */
  FileTokenStore(Path directory, byte[] secret) {
    this.directory = directory;
    this.key = new SecretKeySpec(hmac(secret, "ghapp token cache v1"), "AES");
  }

  @Override
  public InstallationToken get(TokenKey tokenKey) {
    Stored stored = read(file(tokenKey.id()), tokenKey.id());
    return stored == null ? null : stored.token();
  }

  @Override
  public void put(TokenKey tokenKey, InstallationToken token) {
    PrivateFiles.directory(directory);
    PrivateFiles.write(
        file(tokenKey.id()), encrypt(serialize(tokenKey.baseUrl(), token), tokenKey.id()));
    sweep();
  }

  @Override
  public void remove(TokenKey tokenKey) {
    delete(file(tokenKey.id()));
  }

  @Override
  public InstallationToken mintLocked(TokenKey tokenKey, Supplier<InstallationToken> mint) {
    String id = tokenKey.id();
    ReentrantLock local = localLocks.computeIfAbsent(id, k -> new ReentrantLock());
    local.lock();
    try {
      PrivateFiles.directory(directory);
      Path lockFile = directory.resolve(id + ".lock");
      PrivateFiles.touch(lockFile);
      try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
          FileLock held = channel.lock()) {
        return mint.get();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot lock " + lockFile + " to mint a token", e);
      }
    } finally {
      local.unlock();
    }
  }

  /**
   * Every token in the cache that this store's key can read (so: of this app) and that came from
   * {@code baseUrl}, by the key id it is stored under.
   */
  Map<String, InstallationToken> readable(String baseUrl) {
    Map<String, InstallationToken> tokens = new LinkedHashMap<>();
    for (Path file : tokenFiles()) {
      String id = file.getFileName().toString().replace(SUFFIX, "");
      Stored stored = read(file, id);
      if (stored != null && stored.baseUrl().equals(baseUrl)) {
        tokens.put(id, stored.token());
      }
    }
    return tokens;
  }

  /** Drops the token stored under {@code id} (as {@link #readable} names it). */
  void remove(String id) {
    delete(file(id));
  }

  /** A token file's content: the token, and the GitHub it is for. */
  private record Stored(String baseUrl, InstallationToken token) {}

  private Path file(String id) {
    return directory.resolve(id + SUFFIX);
  }

  private Stored read(Path file, String id) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      log.debug("Cannot read the cached token {}; minting instead", file, e);
      return null;
    }
    try {
      return deserialize(decrypt(bytes, id));
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      // Another app's key, a truncated write from an older version, or tampering: not ours to use.
      log.debug("The cached token {} cannot be read with this app's key; ignoring it", file);
      return null;
    }
  }

  private List<Path> tokenFiles() {
    List<Path> files = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return files;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
      stream.forEach(files::add);
    } catch (IOException e) {
      log.debug("Cannot list the token cache {}", directory, e);
    }
    return files;
  }

  private void sweep() {
    FileTime cutoff = FileTime.from(Instant.now().minus(SWEEP_AGE));
    for (Path file : tokenFiles()) {
      try {
        if (Files.getLastModifiedTime(file).compareTo(cutoff) < 0) {
          Files.deleteIfExists(file);
        }
      } catch (IOException e) {
        log.debug("Cannot sweep {}", file, e);
      }
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the cached token " + file, e);
    }
  }

  private byte[] encrypt(byte[] plain, String id) {
    try {
      byte[] iv = new byte[IV_BYTES];
      RANDOM.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(id.getBytes(StandardCharsets.US_ASCII));
      byte[] sealed = cipher.doFinal(plain);
      byte[] out = new byte[1 + IV_BYTES + sealed.length];
      out[0] = FORMAT;
      System.arraycopy(iv, 0, out, 1, IV_BYTES);
      System.arraycopy(sealed, 0, out, 1 + IV_BYTES, sealed.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is required of every Java runtime", e);
    }
  }

  private byte[] decrypt(byte[] stored, String id) throws GeneralSecurityException {
    if (stored.length < 1 + IV_BYTES || stored[0] != FORMAT) {
      throw new GeneralSecurityException("not a token file of format " + FORMAT);
    }
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 1, IV_BYTES));
    cipher.updateAAD(id.getBytes(StandardCharsets.US_ASCII));
    return cipher.doFinal(stored, 1 + IV_BYTES, stored.length - 1 - IV_BYTES);
  }

  // A plain binary layout rather than JSON: reading a cached token then needs no JSON library at
  // all, which keeps the warm path of `ghapp token` from loading one.
  private static byte[] serialize(String baseUrl, InstallationToken token) {
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
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static Stored deserialize(byte[] plain) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
      String baseUrl = in.readUTF();
      String token = in.readUTF();
      Instant expiresAt = Instant.ofEpochSecond(in.readLong());
      String selection = in.readUTF();
      Map<String, String> permissions = new LinkedHashMap<>();
      for (int i = in.readInt(); i > 0; i--) {
        permissions.put(in.readUTF(), in.readUTF());
      }
      List<Repository> repositories = new ArrayList<>();
      for (int i = in.readInt(); i > 0; i--) {
        repositories.add(
            new Repository(in.readLong(), in.readUTF(), in.readUTF(), in.readBoolean()));
      }
      return new Stored(
          baseUrl,
          new InstallationToken(
              token, expiresAt, permissions, selection.isEmpty() ? null : selection, repositories));
    }
  }

  private static byte[] hmac(byte[] secret, String label) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(label.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
    }
  }

  @Override
  public String toString() {
    return "FileTokenStore{" + directory + "}";
  }
}
