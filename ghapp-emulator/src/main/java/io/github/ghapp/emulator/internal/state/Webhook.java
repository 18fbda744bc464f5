package io.github.ghapp.emulator.internal.state;

import java.util.Objects;

/** An app's webhook target. The secret never appears in {@link #toString()}. */
public record Webhook(String url, String secret) {

  public Webhook {
    Objects.requireNonNull(url, "url");
  }

  /** GitHub only delivers to absolute http(s) URLs; anything else is refused with an example. */
  public static void checkUrl(String url) {
    java.net.URI uri;
    try {
      uri = java.net.URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "webhook url '"
              + url
              + "' is not a URL; give e.g. "
              + "http://127.0.0.1:3000/api/github/webhooks");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "webhook url '"
              + url
              + "' must be an absolute http or https URL, "
              + "e.g. http://127.0.0.1:3000/api/github/webhooks");
    }
  }

  @Override
  public String toString() {
    return "Webhook[url=" + url + ", secret=" + (secret == null ? "none" : "***") + "]";
  }
}
