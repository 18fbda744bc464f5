package io.github.ghapp.okhttp;

import io.github.ghapp.auth.GitHubException;
import io.github.ghapp.auth.TokenProvider;
import java.io.IOException;

/**
 * What the interceptor and the authenticator share: fetching a token as OkHttp's callers expect
 * failures (an {@link IOException}, so that {@code Callback.onFailure} hears of it), and the tag
 * that marks a request as carrying a token of ours.
 */
final class Tokens {
  private Tokens() {}

  static String fetch(TokenProvider tokens) throws IOException {
    try {
      return tokens.token();
    } catch (GitHubException | IllegalStateException e) {
      throw new IOException("ghapp could not get an installation token: " + e.getMessage(), e);
    }
  }

  /**
   * The token a request was sent with, as its tag: the authenticator replaces only tokens this
   * module added, never an {@code Authorization} header the caller set (an app JWT, say).
   */
  static final class Sent {
    final String token;

    Sent(String token) {
      this.token = token;
    }

    @Override
    public String toString() {
      return "Sent{token=<redacted>}";
    }
  }
}
