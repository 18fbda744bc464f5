package io.github.ghapp.auth;

/**
 * GitHub refused the credentials ({@code 401 Bad credentials}): the token was revoked or has
 * expired, or is not a token GitHub issued. ghapp has already retried a newly minted token (GitHub
 * may take a moment to replicate it) and minted a replacement for a cached one.
 */
public class BadCredentialsException extends GitHubException {
  public BadCredentialsException(String message, ErrorDetails details) {
    super(message, details, false);
  }
}
