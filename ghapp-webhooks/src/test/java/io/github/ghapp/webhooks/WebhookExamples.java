package io.github.ghapp.webhooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * GitHub's example webhook payloads, from the npm package {@code @octokit/webhooks-examples}, kept
 * in {@code ~/.cache/ghapp/} (or {@code $GHAPP_CACHE}) and fetched with npm the first time. There
 * is no fallback: a build that cannot get the package fails here, saying how to fetch it by hand.
 */
final class WebhookExamples {
  static final String PACKAGE = "@octokit/webhooks-examples";
  static final String VERSION = "7.6.1";

  private WebhookExamples() {}

  /**
   * The unpacked package: {@code api.github.com/index.json} and {@code ghes-*}/{@code index.json}.
   */
  static synchronized Path directory() {
    Path cache = cacheRoot();
    Path unpacked = cache.resolve("webhooks-examples-" + VERSION);
    if (Files.isRegularFile(unpacked.resolve("api.github.com/index.json"))) {
      return unpacked;
    }
    try {
      Files.createDirectories(cache);
      Path work = Files.createTempDirectory(cache, "fetching-");
      try {
        run(work, "npm", "pack", PACKAGE + "@" + VERSION, "--pack-destination", work.toString());
        run(work, "tar", "xzf", "octokit-webhooks-examples-" + VERSION + ".tgz");
        // Unpack beside the cache and move into place in one step, so that an interrupted fetch
        // never
        // leaves a half-written package that later runs would take for complete.
        Files.move(work.resolve("package"), unpacked, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
        // Another build fetched it at the same time; theirs is as good as ours.
      } finally {
        deleteRecursively(work);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(failure(unpacked, e.toString()), e);
    }
    if (!Files.isRegularFile(unpacked.resolve("api.github.com/index.json"))) {
      throw new IllegalStateException(
          failure(unpacked, "the package has no api.github.com/index.json"));
    }
    return unpacked;
  }

  /**
   * Every {@code index.json} of the package: github.com's and each GitHub Enterprise Server
   * version's.
   */
  static List<Path> indexes() {
    try (Stream<Path> dirs = Files.list(directory())) {
      return dirs.map(d -> d.resolve("index.json")).filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The command that fills the cache by hand (what {@code .ci/run} runs before the build). */
  static String fetchCommand(Path unpacked) {
    Path cache = unpacked.getParent();
    return "mkdir -p "
        + cache
        + " && cd "
        + cache
        + " && npm pack "
        + PACKAGE
        + "@"
        + VERSION
        + " && mkdir -p "
        + unpacked.getFileName()
        + " && tar xzf octokit-webhooks-examples-"
        + VERSION
        + ".tgz -C "
        + unpacked.getFileName()
        + " --strip-components=1";
  }

  private static Path cacheRoot() {
    String configured = System.getenv("GHAPP_CACHE");
    return configured != null && !configured.isBlank()
        ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".cache", "ghapp");
  }

  private static void run(Path dir, String... command) throws IOException {
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed: " + output.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroy();
      throw new IOException(String.join(" ", command) + " was interrupted", e);
    }
  }

  private static String failure(Path unpacked, String why) {
    return "cannot get GitHub's example webhook payloads (npm package "
        + PACKAGE
        + "@"
        + VERSION
        + "): "
        + why
        + ". Fetch them by hand with: "
        + fetchCommand(unpacked);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
