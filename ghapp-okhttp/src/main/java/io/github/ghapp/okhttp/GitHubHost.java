package io.github.ghapp.okhttp;

import java.net.URI;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * The one origin (scheme, host, port) a token may be sent to: the configured GitHub's. Compared as
 * OkHttp canonicalizes URLs (lower-case host, default ports filled in), so that {@code
 * https://API.github.com} and {@code https://api.github.com:443} are the same origin and {@code
 * http://} or another port is not.
 */
final class GitHubHost {
  private final HttpUrl origin;

  private GitHubHost(HttpUrl origin) {
    this.origin = origin;
  }

  static GitHubHost of(URI githubUrl) {
    Objects.requireNonNull(githubUrl, "githubUrl");
    HttpUrl url = HttpUrl.parse(githubUrl.toString());
    if (url == null || !githubUrl.isAbsolute()) {
      throw new IllegalArgumentException(
          "githubUrl must be an absolute http or https URL such as https://api.github.com"
              + " (app.baseUrl() gives it), got "
              + githubUrl);
    }
    return new GitHubHost(url);
  }

  boolean matches(HttpUrl url) {
    return url.port() == origin.port()
        && url.scheme().equals(origin.scheme())
        && url.host().equals(origin.host());
  }

  @Override
  public String toString() {
    return origin.scheme() + "://" + origin.host() + ":" + origin.port();
  }
}
