package io.github.ghapp.spring.boot.autoconfigure;

import java.util.regex.Pattern;

/** {@code ghapp.webhooks.path}, checked: where the endpoint is mapped, servlet or reactive. */
final class WebhookPath {
  // An exact path: no wildcards, no query, no spaces.
  private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._~!$&'()+,;=:@%/-]*");

  private WebhookPath() {}

  static String of(GitHubAppProperties properties) {
    String path = properties.getWebhooks().getPath();
    if (path == null || !PATH.matcher(path).matches()) {
      throw new GitHubAppConfigurationException(
          "ghapp.webhooks.path '"
              + path
              + "' is not a path on this server: it starts with / and has no wildcard",
          "Set ghapp.webhooks.path to the path of the App's webhook URL, e.g."
              + " /api/github/webhooks (the default).");
    }
    return path;
  }
}
