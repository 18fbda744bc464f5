package io.github.ghapp.auth;

import java.time.Duration;

/**
 * GitHub minted an installation token that lives less than the caller asked for ({@code
 * TokenProvider.token(minValidity)}): a GitHub Enterprise Server or a proxy that mints shorter
 * tokens than github.com's hour, or a clock far from GitHub's. Minting again would give the same,
 * so the call fails; ask for at most {@link #granted()}, or check the clock.
 *
 * <pre>{@code
 * try {
 *   String token = tokens.token(Duration.ofMinutes(45));
 * } catch (TokenLifetimeException e) {
 *   String shorter = tokens.token(e.granted().dividedBy(2));   // what this GitHub gives
 * }
 * }</pre>
 */
public class TokenLifetimeException extends GitHubException {
  private final Duration granted;
  private final Duration asked;

  public TokenLifetimeException(
      String message, ErrorDetails details, Duration granted, Duration asked) {
    super(message, details, false);
    this.granted = granted;
    this.asked = asked;
  }

  /** The validity the new token had left when it arrived, on GitHub's clock as ghapp knows it. */
  public Duration granted() {
    return granted;
  }

  /** The validity asked for: the caller's minimum, or the expiry margin if that was more. */
  public Duration asked() {
    return asked;
  }
}
