package io.github.ghapp.emulator.internal.http;

/**
 * Which credentials a route accepts; {@link RestSurface} enforces it before the handler runs, with
 * GitHub's answers for the wrong kind.
 */
public enum Access {
  /** JWT-only routes: {@code /app}, {@code /app/installations*}, the installation look-ups. */
  APP,
  /**
   * Installation token routes ({@code Bearer}, {@code token} or Basic with the token as password).
   */
  INSTALLATION,
  /**
   * Installation tokens, or no credential at all for public resources ({@code GET /repos/{o}/{r}}).
   */
  INSTALLATION_OR_ANONYMOUS,
  /** Any credential or none ({@code /meta}, {@code /rate_limit}). */
  ANY,
  /**
   * The emulator's own {@code /_emulator/} API, served at the {@link FrontDoor}'s side entrance: no
   * credential, no faults, no rate limit, not logged.
   */
  ADMIN
}
