package io.github.ghapp.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What ghapp does when its cache directory cannot be used (a read-only home, a file where a
 * directory should be): the cache only saves mints, so the command goes on without it after one
 * warning saying how to fix it, instead of failing after the token was minted.
 */
final class CacheTrouble {
  private static final Logger log = LoggerFactory.getLogger(CacheTrouble.class);
  private final Path directory;
  private final PrintWriter err;
  private final AtomicBoolean told = new AtomicBoolean();

  /**
   * @param err where the one warning goes, or null to log it instead (the store used as a library)
   */
  CacheTrouble(Path directory, PrintWriter err) {
    this.directory = directory;
    this.err = err;
  }

  /** Warns, once per command, that the cache is skipped because of {@code failure}. */
  void warn(UncheckedIOException failure) {
    if (!told.compareAndSet(false, true)) {
      return;
    }
    String line =
        "ghapp: warning: cannot use the cache directory "
            + directory
            + " ("
            + reason(failure.getCause())
            + "); going on without it, so each run mints a new token. Set XDG_CACHE_HOME to a"
            + " writable directory, or pass --no-cache.";
    if (err == null) {
      log.warn(line);
      return;
    }
    err.println(Secrets.redact(line));
    err.flush();
  }

  private static String reason(IOException e) {
    String file = e instanceof FileSystemException ? ((FileSystemException) e).getFile() : null;
    String at = file == null ? "" : " at " + file;
    if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
      return "a file is where a directory should be" + at;
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied" + at;
    }
    if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
      return ((FileSystemException) e).getReason() + at;
    }
    return e.getClass().getSimpleName() + at;
  }
}
