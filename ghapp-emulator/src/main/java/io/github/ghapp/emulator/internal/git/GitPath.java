package io.github.ghapp.emulator.internal.git;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request of Git's smart HTTP protocol for one repository: {@code
 * /owner/repo.git/info/refs?service=...}, {@code .../git-upload-pack} (clone, fetch) or {@code
 * .../git-receive-pack} (push). GitHub serves the same without {@code .git}. Anything else
 * (including the dumb protocol, which GitHub does not serve) is not Git's.
 */
record GitPath(String owner, String repository, boolean push) {

  private static final Pattern SMART_HTTP =
      Pattern.compile(
          "^/([A-Za-z0-9._-]+)/([A-Za-z0-9._-]+?)(?:\\.git)?/(info/refs|git-upload-pack|git-receive-pack)$");

  static Optional<GitPath> parse(String path, String query) {
    // Every request is asked; most are REST's, and these cost less than a regular expression.
    if (!path.endsWith("/info/refs")
        && !path.endsWith("/git-upload-pack")
        && !path.endsWith("/git-receive-pack")) {
      return Optional.empty();
    }
    Matcher matcher = SMART_HTTP.matcher(path);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    String endpoint = matcher.group(3);
    boolean push =
        endpoint.equals("git-receive-pack")
            || endpoint.equals("info/refs")
                && query != null
                && query.contains("service=git-receive-pack");
    return Optional.of(new GitPath(matcher.group(1), matcher.group(2), push));
  }
}
