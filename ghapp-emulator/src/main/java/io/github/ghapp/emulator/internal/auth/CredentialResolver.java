package io.github.ghapp.emulator.internal.auth;

import io.github.ghapp.emulator.CredentialKind;
import io.github.ghapp.emulator.internal.http.ApiException;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import io.github.ghapp.emulator.internal.state.Installation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Turns an {@code Authorization} header into a {@link Caller}, or GitHub's error for it. This is
 * the one place that knows the schemes: a JWT only as {@code Bearer}; an installation token as
 * {@code Bearer}, {@code token}, or the password of Basic authentication (as Git over HTTP sends it
 * with user {@code x-access-token}). Route-independent: whether the caller's kind suits the route
 * or the surface is each surface's own check ({@code Surface.admit}).
 */
public final class CredentialResolver {

  public static final String SUSPENDED = "This installation has been suspended";

  private final EmulatorState state;
  private final JwtVerifier jwtVerifier;
  private final TokenRegistry tokens;
  private final Supplier<Duration> replicationLag;

  public CredentialResolver(
      EmulatorState state,
      JwtVerifier jwtVerifier,
      TokenRegistry tokens,
      Supplier<Duration> replicationLag) {
    this.state = state;
    this.jwtVerifier = jwtVerifier;
    this.tokens = tokens;
    this.replicationLag = replicationLag;
  }

  /** The caller, or an {@link ApiException} (401 {@code Bad credentials}, a JWT error, ...). */
  public Caller resolve(String authorization, Instant now) {
    if (authorization == null || authorization.isBlank()) {
      return new Caller.Anonymous();
    }
    String header = authorization.trim();
    int space = header.indexOf(' ');
    if (space < 0) {
      throw ApiException.badCredentials();
    }
    String scheme = header.substring(0, space).toLowerCase(Locale.ROOT);
    String credential = header.substring(space + 1).trim();
    switch (scheme) {
      case "bearer":
        if (looksLikeJwt(credential)) {
          return new Caller.AppCaller(jwtVerifier.verify(credential, now));
        }
        return installation(credential, CredentialKind.INSTALLATION_TOKEN, now);
      case "token":
        // A JWT is accepted only as Bearer; as "token" GitHub looks it up as an OAuth-style token
        // and finds nothing (unconfirmed: the message is assumed to be the generic one).
        return installation(credential, CredentialKind.INSTALLATION_TOKEN, now);
      case "basic":
        return installation(basicPassword(credential), CredentialKind.BASIC, now);
      default:
        throw ApiException.badCredentials();
    }
  }

  /**
   * What the header looks like, without checking it: for the request log of requests answered
   * before (or without) verification, such as an injected 5xx.
   */
  public static CredentialKind classify(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return CredentialKind.NONE;
    }
    String header = authorization.trim().toLowerCase(Locale.ROOT);
    if (header.startsWith("basic ")) {
      return CredentialKind.BASIC;
    }
    if (header.startsWith("bearer ") && looksLikeJwt(authorization.trim().substring(7).trim())) {
      return CredentialKind.JWT;
    }
    if (header.startsWith("bearer ") || header.startsWith("token ")) {
      return CredentialKind.INSTALLATION_TOKEN;
    }
    return CredentialKind.INVALID;
  }

  private Caller.InstallationCaller installation(String secret, CredentialKind kind, Instant now) {
    if (secret == null || secret.isEmpty()) {
      throw ApiException.badCredentials();
    }
    IssuedToken token = tokens.find(secret).orElseThrow(ApiException::badCredentials);
    if (token.isExpiredAt(now)) {
      throw ApiException.badCredentials();
    }
    // Replication lag: GitHub's new tokens may be unknown to the replica answering for a few
    // seconds.
    if (now.isBefore(token.createdAt().plus(replicationLag.get()))) {
      throw ApiException.badCredentials();
    }
    Installation installation =
        state.installation(token.installationId()).orElseThrow(ApiException::badCredentials);
    if (installation.isSuspended()) {
      // Unconfirmed: GitHub documents this message for minting; a suspended installation's existing
      // tokens are assumed to get the same answer rather than a bare 401.
      throw ApiException.of(403, SUSPENDED).documentedAt(ApiException.REST_DOCS);
    }
    return new Caller.InstallationCaller(token, installation, secret, kind);
  }

  /**
   * A JWT is three base64url parts; installation tokens start with {@code ghs_} (the long format
   * has dots too).
   */
  static boolean looksLikeJwt(String credential) {
    return !credential.startsWith("gh") && credential.chars().filter(c -> c == '.').count() == 2;
  }

  private static String basicPassword(String encoded) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.badCredentials();
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw ApiException.badCredentials();
    }
    return decoded.substring(colon + 1);
  }
}
