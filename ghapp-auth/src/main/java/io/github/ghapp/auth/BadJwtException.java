package io.github.ghapp.auth;

/**
 * GitHub could not verify the app's JWT ({@code 401 A JSON web token could not be decoded}): the
 * private key does not belong to this app (it was deleted in the app's settings, or belongs to
 * another app), or a custom {@link JwtSigner} signed wrongly. When several keys are configured,
 * ghapp has tried each of them.
 */
public class BadJwtException extends GitHubException {
  public BadJwtException(String message, ErrorDetails details) {
    super(message, details, false);
  }
}
