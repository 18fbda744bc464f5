package io.github.ghapp.emulator.internal.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes the private keys the emulator generates (a missing {@code private_key_file}, the demo
 * app's key) so that only their owner can read them: mode 0600, as ssh and GitHub's own
 * instructions want for a private key. The file is created with that mode rather than changed after
 * writing, so it is never readable by others, not even for a moment. On a file system without POSIX
 * permissions (Windows) the file gets the platform's defaults.
 */
public final class KeyFiles {

  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  private KeyFiles() {}

  /**
   * Creates {@code file} (and its missing parent directories) holding {@code pem}, readable by its
   * owner only.
   *
   * @throws java.nio.file.FileAlreadyExistsException when the file exists: an existing key is never
   *     overwritten
   */
  public static void writePrivateKey(Path file, String pem) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try {
      Files.createFile(file, OWNER_ONLY);
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    }
    Files.writeString(file, pem, StandardCharsets.US_ASCII);
  }
}
