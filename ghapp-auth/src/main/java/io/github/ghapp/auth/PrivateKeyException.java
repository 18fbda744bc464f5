package io.github.ghapp.auth;

/**
 * The private key given to {@link GitHubAppBuilder} cannot be used: it is missing, empty,
 * encrypted, not an RSA key, not a private key, or not PEM at all. The message names what was found
 * and how to fix it; it never contains key material.
 */
public class PrivateKeyException extends IllegalArgumentException {
  public PrivateKeyException(String message) {
    super(message);
  }

  public PrivateKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
