package io.github.ghapp.auth;

import java.time.Duration;

/**
 * Hands out an installation token for one installation and one {@link TokenRequest}, minting it
 * when needed and refreshing it before it expires. This is the hot path: a caller holding a fresh
 * token never waits for a lock or the network, and no matter how many threads ask at once, at most
 * one mint per key is in flight.
 *
 * <p>Obtain one from {@code GitHubApp.tokenProvider(installationId, request)}; providers are cached
 * per (base URL, app, installation, request), so asking twice gives the same provider.
 *
 * <p>Who waits: while the token has more than the refresh margin (15 minutes by default, jittered)
 * left, nobody. Inside the refresh margin the cached token is still served at once while a single
 * refresh runs, on the app's refresh executor if it has one, otherwise on the one calling thread
 * that started it. Only when the token has less than the caller needs (the expiry margin, 5 minutes
 * by default, or the caller's own minimum) do callers wait, all for that same single refresh, and
 * all get its error if it fails; the next call tries again.
 *
 * <p>Every method throws the {@code GitHubException} of a failed mint, a {@link
 * TokenLifetimeException} when GitHub mints a token with less validity than was asked for, and an
 * {@link IllegalStateException} when the thread is interrupted while waiting (its interrupt flag
 * set again).
 *
 * <pre>{@code
 * TokenProvider tokens = app.tokenProvider(42, TokenRequest.builder().repositories("hello-world").build());
 * String token = tokens.token();                              // at least the app's hard margin left
 * String forLongJob = tokens.token(Duration.ofMinutes(45));    // at least 45 minutes left
 * }</pre>
 */
public interface TokenProvider {

  /** A token with at least the app's hard expiry margin (5 minutes by default) of validity left. */
  String token();

  /**
   * A token with at least {@code minValidity} of validity left, waiting for a refresh if the cached
   * one has less. GitHub's tokens live one hour, so asking for more than about 55 minutes cannot be
   * met and fails at once with an {@link IllegalArgumentException}.
   */
  String token(Duration minValidity);

  /** Like {@link #token()}, with the expiry and scope GitHub granted. */
  InstallationToken installationToken();

  /** Like {@link #token(Duration)}, with the expiry and scope GitHub granted. */
  InstallationToken installationToken(Duration minValidity);

  /**
   * Forgets the cached token so the next call mints a new one. Call it when GitHub refuses a token
   * it should accept; ghapp's own client does so on a 401.
   */
  void invalidate();

  /**
   * Forgets the cached token only if it is still {@code refused}. Use this when GitHub refused a
   * token you sent: when several requests are refused at once, the first one's refresh is not
   * thrown away by the others, so one refusal costs one mint.
   */
  void invalidate(String refused);

  /**
   * Revokes the cached token at GitHub ({@code DELETE /installation/token}) and forgets it. The
   * next call to {@link #token()} mints a new one. Does nothing when no token is cached.
   */
  void revoke();
}
