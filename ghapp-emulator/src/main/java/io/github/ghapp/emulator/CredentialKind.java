package io.github.ghapp.emulator;

/**
 * The kind of credential a request carried, as the emulator's request log records it.
 *
 * <p>A credential that was presented but refused (bad signature, expired, unknown token, wrong
 * scheme) is {@link #INVALID}, whatever it looked like, so that a test can tell "sent nothing" from
 * "sent garbage".
 */
public enum CredentialKind {
  /** No {@code Authorization} header. */
  NONE,
  /** A valid app JWT ({@code Authorization: Bearer eyJ...}). */
  JWT,
  /** A valid installation access token as {@code Bearer} or {@code token}. */
  INSTALLATION_TOKEN,
  /** A valid installation access token as the password of HTTP Basic authentication. */
  BASIC,
  /** A credential that the emulator refused. */
  INVALID
}
