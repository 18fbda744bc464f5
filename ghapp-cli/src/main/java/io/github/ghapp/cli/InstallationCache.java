package io.github.ghapp.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.OptionalLong;

/**
 * Remembers which installation a look-up found ({@code --repo octo-org/hello-world} is installation
 * 42), so that a command answered from the token cache sends no request at all. Installation ids do
 * not change; when one is deleted, minting answers 404 and the caller {@link #forget}s it and looks
 * it up again. Nothing here is secret, but it is kept as privately as the tokens beside it.
 */
final class InstallationCache {
  private final Path directory;

  private final CacheTrouble trouble;

  InstallationCache(Path directory, CacheTrouble trouble) {
    this.directory = directory;
    this.trouble = trouble;
  }

  /**
   * The id cached for {@code lookup} (base URL, app and what was looked up, in one string), if the
   * entry is sound: a positive id, on {@code account} when one is required. A bad entry
   * (hand-edited, from another look-up, or written before entries named their account) is deleted,
   * so that the caller looks it up once and caches the answer.
   */
  OptionalLong get(String lookup, String account) {
    String[] parts = read(lookup);
    if (parts == null) {
      return OptionalLong.empty();
    }
    try {
      long id = Long.parseLong(parts[0]);
      boolean onAccount =
          account == null || parts.length == 2 && parts[1].strip().equalsIgnoreCase(account);
      if (id > 0 && onAccount) {
        return OptionalLong.of(id);
      }
    } catch (NumberFormatException e) {
      // not an id: heal it below
    }
    forget(lookup);
    return OptionalLong.empty();
  }

  /**
   * The account cached with a sound id for {@code lookup}, or null; for entries whose account is
   * what the caller needs (the bot user's login beside its id).
   */
  String account(String lookup) {
    String[] parts = read(lookup);
    return parts != null && parts.length == 2 && get(lookup, null).isPresent()
        ? parts[1].strip()
        : null;
  }

  /** The entry's id and account, or null when there is none (or it cannot be read). */
  private String[] read(String lookup) {
    try {
      return Files.readString(file(lookup), StandardCharsets.US_ASCII).strip().split(" ", 2);
    } catch (IOException | UncheckedIOException e) {
      return null; // not cached (NoSuchFileException), or unreadable
    }
  }

  /** Caches {@code installationId}, on {@code account} (null when not known). */
  void put(String lookup, long installationId, String account) {
    String entry = installationId + (account == null ? "" : " " + account);
    try {
      PrivateFiles.directory(directory);
      PrivateFiles.write(file(lookup), entry.getBytes(StandardCharsets.US_ASCII));
    } catch (UncheckedIOException e) {
      trouble.warn(e); // looked up again next time
    }
  }

  void forget(String lookup) {
    try {
      Files.deleteIfExists(file(lookup));
    } catch (IOException e) {
      // a stale id will be refused again and looked up then
    }
  }

  private Path file(String lookup) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(lookup.getBytes(StandardCharsets.UTF_8));
      return directory.resolve(HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }
}
