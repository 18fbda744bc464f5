package io.github.ghapp.emulator.internal;

import io.github.ghapp.emulator.GitHubEmulator;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a run keeps its Git repositories, keys and TLS files: the directory the builder was given,
 * kept after the run, or a temporary one the run owns and deletes when it stops (or fails to
 * start).
 */
record DataDirectory(Path path, boolean owned) {

  // Logged under GitHubEmulator, the class users configure logging for.
  private static final Logger log = LoggerFactory.getLogger(GitHubEmulator.class);

  /** {@code given}, created if missing, or a new temporary directory when it is null. */
  static DataDirectory create(Path given) throws IOException {
    DataDirectory directory =
        given == null
            ? new DataDirectory(Files.createTempDirectory("ghapp-emulator-"), true)
            : new DataDirectory(given, false);
    try {
      Files.createDirectories(directory.path);
    } catch (IOException e) {
      directory.release();
      throw e;
    }
    return directory;
  }

  /** Deletes the directory if the run owns it; a failure is logged, as the run is over anyway. */
  void release() {
    if (owned) {
      deleteRecursively(path);
    }
  }

  private static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try {
      Files.walkFileTree(
          directory,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      log.warn("could not delete the emulator's data directory {}", directory, e);
    }
  }
}
