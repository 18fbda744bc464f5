package io.github.ghapp.spring.web;

import java.net.URI;
import java.util.Locale;

/**
 * The one origin (scheme, host, port) a token may be sent to: the configured GitHub's, with default
 * ports filled in and names compared without case, so that {@code https://API.github.com} and
 * {@code https://api.github.com:443} are the same origin and {@code http://} or another port is
 * not.
 */
final class GitHubOrigin {
  private final String scheme;
  private final String host;
  private final int port;

  private GitHubOrigin(String scheme, String host, int port) {
    this.scheme = scheme;
    this.host = host;
    this.port = port;
  }

  static GitHubOrigin of(URI githubUrl) {
    String scheme =
        githubUrl.getScheme() == null ? "" : githubUrl.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http")) || githubUrl.getHost() == null) {
      throw new IllegalArgumentException(
          "the GitHub URL must be an absolute http or https URL such as https://api.github.com,"
              + " got "
              + githubUrl);
    }
    return new GitHubOrigin(scheme, githubUrl.getHost().toLowerCase(Locale.ROOT), port(githubUrl));
  }

  boolean matches(URI url) {
    return url.getHost() != null
        && scheme.equalsIgnoreCase(url.getScheme())
        && host.equalsIgnoreCase(url.getHost())
        && port == port(url);
  }

  private static int port(URI url) {
    if (url.getPort() != -1) {
      return url.getPort();
    }
    return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
  }

  @Override
  public String toString() {
    return scheme + "://" + host + ":" + port;
  }
}
