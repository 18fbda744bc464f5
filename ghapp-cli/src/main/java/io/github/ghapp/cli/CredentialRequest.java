package io.github.ghapp.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What Git asks a credential helper: {@code key=value} lines on standard input up to a blank line
 * or the end of input ({@code protocol}, {@code host}, {@code path} when {@code
 * credential.useHttpPath} is set, {@code username}, {@code password}). Multi-valued keys ({@code
 * wwwauth[]}, {@code capability[]}) and unknown keys are ignored, as Git's protocol asks of
 * helpers.
 *
 * @param attributes the single-valued attributes Git sent, by name
 */
record CredentialRequest(Map<String, String> attributes) {

  static CredentialRequest read(InputStream in) {
    Map<String, String> attributes = new HashMap<>();
    try {
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine();
          line != null && !line.isEmpty();
          line = reader.readLine()) {
        int equals = line.indexOf('=');
        if (equals > 0 && !line.substring(0, equals).endsWith("[]")) {
          attributes.put(line.substring(0, equals), line.substring(equals + 1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Git's credential request from standard input", e);
    }
    return new CredentialRequest(Map.copyOf(attributes));
  }

  String protocol() {
    return attributes.getOrDefault("protocol", "").toLowerCase(Locale.ROOT);
  }

  /** The host as Git names it, with {@code :port} when the URL has one; lower case. */
  String host() {
    return attributes.getOrDefault("host", "").toLowerCase(Locale.ROOT);
  }

  String username() {
    return attributes.get("username");
  }

  String password() {
    return attributes.get("password");
  }

  /**
   * The {@code [owner, repo]} of the path, without {@code .git}; null when Git sent no path (it
   * does only with {@code credential.useHttpPath}) or the path does not name a repository.
   */
  String[] repository() {
    String path = attributes.get("path");
    if (path == null) {
      return null;
    }
    String[] segments = path.replaceFirst("^/+", "").split("/");
    if (segments.length < 2 || segments[0].isEmpty() || segments[1].isEmpty()) {
      return null;
    }
    return new String[] {segments[0], segments[1].replaceFirst("\\.git$", "")};
  }
}
