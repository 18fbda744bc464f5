package io.github.ghapp.webhooks;

import io.github.ghapp.emulator.fixtures.NpmPackage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * GitHub's example webhook payloads, from the npm package {@code @octokit/webhooks-examples}, kept
 * in {@code ~/.cache/ghapp/npm/} (or under {@code $GHAPP_CACHE}) and fetched with npm the first
 * time ({@link NpmPackage}, from the emulator's test-jar). There is no fallback: a build that
 * cannot get the package fails here, saying how to fetch it by hand.
 */
final class WebhookExamples {
  static final NpmPackage PACKAGE = NpmPackage.of("@octokit/webhooks-examples", "7.6.1");

  private WebhookExamples() {}

  /**
   * Every {@code index.json} of the package: github.com's and each GitHub Enterprise Server
   * version's.
   */
  static List<Path> indexes() {
    Path unpacked = PACKAGE.directory();
    if (!Files.isRegularFile(unpacked.resolve("api.github.com/index.json"))) {
      throw new IllegalStateException(
          unpacked + " has no api.github.com/index.json; delete it to fetch the package again");
    }
    try (Stream<Path> dirs = Files.list(unpacked)) {
      return dirs.map(d -> d.resolve("index.json")).filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
