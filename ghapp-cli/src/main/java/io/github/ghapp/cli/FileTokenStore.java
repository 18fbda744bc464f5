package io.github.ghapp.cli;

import io.github.ghapp.auth.InstallationToken;
import io.github.ghapp.auth.TokenCodec;
import io.github.ghapp.auth.TokenKey;
import io.github.ghapp.auth.TokenStore;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token cache on disk that lets a series of {@code ghapp token} and {@code git} invocations
 * mint once: one file per {@link TokenKey} under the user's cache directory, written atomically,
 * readable by its owner only ({@code 0600} in a {@code 0700} directory), and encrypted.
 *
 * <p>Each file is a {@link TokenCodec} value: AES-256-GCM under a key derived (HMAC-SHA256) from
 * the app's private key, with the file's key id as associated data. Anyone who can read the private
 * key can mint tokens anyway; anyone who cannot (a backup, a misconfigured home directory) learns
 * nothing from the cache, and a file copied under another key's name does not open. A file that
 * does not open is treated as absent. (The codec's layout is the one these files had before it
 * existed, so a cache written by an older ghapp is still read.)
 *
 * <p>Mints are coordinated across processes with an exclusive {@link FileLock} on a lock file per
 * key, plus a re-entrant lock per key inside this process: a JVM may not lock the same file twice,
 * so a thread already holding a key's lock (a nested {@code mintLocked}) goes on without taking the
 * file lock again, as with the in-memory store. Token files older than two tokens' lifetime are
 * swept when a new token is stored.
 */
final class FileTokenStore implements TokenStore {
  private static final Logger log = LoggerFactory.getLogger(FileTokenStore.class);
  private static final String SUFFIX = ".token";

  /** Files written longer ago than this hold dead tokens (GitHub's live an hour). */
  private static final Duration SWEEP_AGE = Duration.ofHours(2);

  private final Path directory;
  private final TokenCodec codec;
  private final Map<String, ReentrantLock> localLocks = new ConcurrentHashMap<>();
  private final CacheTrouble trouble;

  /**
   * @param directory where the token files go; created owner-only when missing
   * @param secret the app's key material the encryption key is derived from (not stored)
   */
  FileTokenStore(Path directory, byte[] secret) {
    this(directory, secret, null);
  }

  /**
   * @param trouble what to do when the directory cannot be written: go on without caching after a
   *     warning; null to throw
   */
  FileTokenStore(Path directory, byte[] secret, CacheTrouble trouble) {
    this.directory = directory;
    this.codec = TokenCodec.of(hmac(secret, "ghapp token cache v1"));
    this.trouble = trouble;
  }

  @Override
  public InstallationToken get(TokenKey tokenKey) {
    TokenCodec.Opened stored = read(file(tokenKey.id()), tokenKey.id());
    return stored == null ? null : stored.token();
  }

  @Override
  public void put(TokenKey tokenKey, InstallationToken token) {
    try {
      PrivateFiles.directory(directory);
      PrivateFiles.write(file(tokenKey.id()), codec.seal(tokenKey, token));
    } catch (UncheckedIOException e) {
      if (trouble == null) {
        throw e;
      }
      trouble.warn(e); // the token was minted: hand it out uncached rather than fail
      return;
    }
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
      if (local.getHoldCount() > 1) {
        return mint.get(); // this thread holds the file lock already, further up its stack
      }
      Path lockFile = directory.resolve(id + ".lock");
      try {
        PrivateFiles.directory(directory);
        PrivateFiles.touch(lockFile);
      } catch (UncheckedIOException e) {
        if (trouble == null) {
          throw e;
        }
        trouble.warn(e); // no lock without the directory: mint unshared, as with --no-cache
        return mint.get();
      }
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
      TokenCodec.Opened stored = read(file, id);
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

  private Path file(String id) {
    return directory.resolve(id + SUFFIX);
  }

  private TokenCodec.Opened read(Path file, String id) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      log.debug("Cannot read the cached token {}; minting instead", file, e);
      return null;
    }
    Optional<TokenCodec.Opened> opened = codec.open(id, bytes);
    if (opened.isEmpty()) {
      // Another app's key, a truncated write from an older version, or tampering: not ours to use.
      log.debug("The cached token {} cannot be read with this app's key; ignoring it", file);
    }
    return opened.orElse(null);
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
