package io.github.ghapp.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Clones over HTTP as {@code x-access-token} with the token as password, the way GitHub documents
 * it: with the {@code git} binary when there is one (what users run), with JGit otherwise. The
 * token never appears on a command line or in a URL: git gets it from a credential helper that
 * reads it from its environment.
 */
final class GitClone {
  private static final String TOKEN_VARIABLE = "GHAPP_QUICKSTART_TOKEN";

  /** Answers Git's "get" with the token; "store" and "erase" need nothing. */
  private static final String HELPER =
      "!f() { test \"$1\" = get && printf 'username=x-access-token\\npassword=%s\\n'"
          + " \"$"
          + TOKEN_VARIABLE
          + "\"; }; f";

  private GitClone() {}

  /** {@code git version 2.39.5}, or null when there is no usable git binary. */
  static String gitVersion() {
    try {
      Process p = new ProcessBuilder("git", "--version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Clones {@code url} into {@code directory} with the git binary; fails with git's own words. */
  static void withGit(URI url, Path directory, String token)
      throws IOException, InterruptedException {
    ProcessBuilder clone =
        new ProcessBuilder(
                List.of(
                    "git",
                    "-c",
                    "credential.helper=",
                    "-c",
                    "credential.helper=" + HELPER,
                    "clone",
                    "--quiet",
                    url.toString(),
                    directory.toString()))
            .redirectErrorStream(true);
    Map<String, String> env = clone.environment();
    env.put(TOKEN_VARIABLE, token);
    env.put("GIT_TERMINAL_PROMPT", "0"); // fail rather than ask
    env.put("GIT_CONFIG_NOSYSTEM", "1"); // the user's own settings play no part
    env.put("GIT_CONFIG_GLOBAL", "/dev/null");
    Process p = clone.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException("git clone did not finish within 2 minutes");
    }
    if (p.exitValue() != 0) {
      throw new IOException(
          "git clone exited with " + p.exitValue() + ": " + output.replaceAll("\\s*\\R\\s*", " "));
    }
  }

  /** Clones {@code url} into {@code directory} with JGit. */
  static void withJGit(URI url, Path directory, String token) throws IOException {
    try (Git git =
        Git.cloneRepository()
            .setURI(url.toString())
            .setDirectory(directory.toFile())
            .setCredentialsProvider(
                new UsernamePasswordCredentialsProvider("x-access-token", token))
            .call()) {
      // cloned; closing releases the repository's files
    } catch (GitAPIException e) {
      throw new IOException("JGit could not clone: " + e.getMessage(), e);
    }
  }
}
