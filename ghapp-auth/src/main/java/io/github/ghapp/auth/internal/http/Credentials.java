package io.github.ghapp.auth.internal.http;

import io.github.ghapp.auth.GitHubException;
import java.net.http.HttpHeaders;

/**
 * How a request authenticates, and how it recovers when GitHub answers 401. Each logical request
 * (with all its retries) gets its own {@link Attempt}, which remembers what it already tried.
 */
public interface Credentials {

  Attempt begin();

  /** Credentials that send a fixed {@code Authorization} value and never recover from a 401. */
  static Credentials fixed(String authorization) {
    return () ->
        new Attempt() {
          @Override
          public String authorization() {
            return authorization;
          }

          @Override
          public Recovery unauthorized(GitHubException error, HttpHeaders headers) {
            throw error;
          }
        };
  }

  /** What to do after a 401. */
  enum Recovery {
    /** Send again at once with fresh credentials. */
    RETRY,
    /** Send again after a backoff: GitHub may not know the credentials yet. */
    RETRY_AFTER_BACKOFF
  }

  interface Attempt {
    /** The {@code Authorization} header value for the next send. */
    String authorization();

    /** Decides how to recover from a 401 answer, or throws the exception to report. */
    Recovery unauthorized(GitHubException error, HttpHeaders headers);

    /** Sees every successful answer's headers. */
    default void succeeded(HttpHeaders headers) {}
  }
}
