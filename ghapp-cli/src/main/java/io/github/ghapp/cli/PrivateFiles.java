package io.github.ghapp.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only their owner can read: the token cache, and the emulator's key files. On POSIX file
 * systems directories are created {@code 0700} and files {@code 0600} from the start (never created
 * readable and narrowed later); elsewhere the platform's defaults apply.
 */
final class PrivateFiles {
  private static final Set<PosixFilePermission> OWNER_DIR =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");

  private PrivateFiles() {}

  /**
   * Creates {@code dir} and its missing parents; {@code dir} itself is made (or narrowed to)
   * owner-only.
   */
  static Path directory(Path dir) {
    try {
      if (!isPosix(dir.getRoot() != null ? dir.getRoot() : dir)) {
        return Files.createDirectories(dir);
      }
      if (dir.getParent() != null) {
        Files.createDirectories(dir.getParent());
      }
      try {
        Files.createDirectory(dir, attribute(OWNER_DIR));
      } catch (FileAlreadyExistsException e) {
        if (!Files.isDirectory(dir)) {
          throw e;
        }
        if (!Files.getPosixFilePermissions(dir).equals(OWNER_DIR)) {
          Files.setPosixFilePermissions(dir, OWNER_DIR);
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directory " + dir, e);
    }
  }

  /**
   * Writes {@code content} to {@code file} atomically: a reader sees the old content or the new,
   * never half of it, because it is written to a temporary file beside it and moved over it.
   */
  static void write(Path file, byte[] content) {
    Path dir = file.toAbsolutePath().getParent();
    try {
      Path temp =
          isPosix(dir)
              ? Files.createTempFile(dir, ".tmp-", "", attribute(OWNER_FILE))
              : Files.createTempFile(dir, ".tmp-", "");
      try {
        Files.write(temp, content);
        try {
          Files.move(
              temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Creates {@code file} empty and owner-only if it does not exist yet (a lock file). */
  static void touch(Path file) {
    try {
      if (isPosix(file.toAbsolutePath().getParent())) {
        Files.createFile(file, attribute(OWNER_FILE));
      } else {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException e) {
      // another process made it first: fine, it is the same lock
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file, e);
    }
  }

  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static FileAttribute<Set<PosixFilePermission>> attribute(
      Set<PosixFilePermission> permissions) {
    return PosixFilePermissions.asFileAttribute(permissions);
  }
}
