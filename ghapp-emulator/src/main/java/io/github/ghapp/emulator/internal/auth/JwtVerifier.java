package io.github.ghapp.emulator.internal.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import io.github.ghapp.emulator.internal.http.ApiException;
import io.github.ghapp.emulator.internal.state.App;
import io.github.ghapp.emulator.internal.state.AppKey;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import java.math.BigDecimal;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Checks an app's JWT the way GitHub does (GITHUB-FACTS.md section 2), with nimbus-jose-jwt rather
 * than any client code, so that a client's mistake is not mirrored here.
 *
 * <p>Order of checks: decode, algorithm, issuer, signature, then the time claims. GitHub does not
 * document the order; this one (unconfirmed) means that a JWT with both a bad signature and a bad
 * time reports the signature, and time errors are only reported for JWTs the app really signed,
 * which is what a client with a skewed clock sees.
 */
public final class JwtVerifier {

  static final String NOT_DECODED = "A JSON web token could not be decoded";
  static final String INTEGRATION_NOT_FOUND = "Integration not found";
  static final String EXP_TOO_FAR = "'Expiration time' claim ('exp') is too far in the future";
  static final String EXPIRED =
      "'Expiration time' claim ('exp') must be a numeric value representing "
          + "the future time at which the assertion expires";
  static final String IAT_INVALID =
      "'Issued at' claim ('iat') must be an Integer representing the time "
          + "that the assertion was issued";

  /** GitHub refuses a JWT whose {@code exp} is more than 10 minutes after its own now. */
  static final Duration MAX_LIFETIME = Duration.ofMinutes(10);

  private final EmulatorState state;

  public JwtVerifier(EmulatorState state) {
    this.state = state;
  }

  /** The app that signed {@code jwt}, or GitHub's error for it. */
  App verify(String jwt, Instant now) {
    SignedJWT signed = decode(jwt);
    Map<String, Object> claims = claimsOf(signed);
    App app = issuer(claims.get("iss"));
    if (!signedByOneOf(signed, app)) {
      throw unauthorized(NOT_DECODED);
    }
    long nowSeconds = now.getEpochSecond();
    Optional<Long> iat = wholeSeconds(claims.get("iat"));
    if (iat.isEmpty() || iat.get() > nowSeconds) {
      throw unauthorized(IAT_INVALID);
    }
    Optional<Long> exp = wholeSeconds(claims.get("exp"));
    if (exp.isEmpty() || exp.get() <= nowSeconds) {
      throw unauthorized(EXPIRED);
    }
    if (exp.get() - nowSeconds > MAX_LIFETIME.getSeconds()) {
      throw unauthorized(EXP_TOO_FAR);
    }
    return app;
  }

  private static SignedJWT decode(String jwt) {
    JWT parsed;
    try {
      parsed = JWTParser.parse(jwt);
    } catch (ParseException e) {
      throw unauthorized(NOT_DECODED);
    }
    // alg "none" parses as a PlainJWT and HS256 as a SignedJWT with an HMAC algorithm: both
    // refused, as is every algorithm but RS256, which is the only one GitHub accepts for apps.
    if (!(parsed instanceof SignedJWT)
        || !JWSAlgorithm.RS256.equals(((SignedJWT) parsed).getHeader().getAlgorithm())) {
      throw unauthorized(NOT_DECODED);
    }
    return (SignedJWT) parsed;
  }

  private static Map<String, Object> claimsOf(SignedJWT jwt) {
    // The raw JSON rather than nimbus' JWTClaimsSet: that one refuses a non-numeric exp or an
    // integer iss outright, while GitHub answers each with its own message.
    Map<String, Object> claims = jwt.getPayload().toJSONObject();
    if (claims == null) {
      throw unauthorized(NOT_DECODED);
    }
    return claims;
  }

  /** {@code iss} is the app id (a number, or a numeric string) or its client id. */
  private App issuer(Object iss) {
    Optional<App> app;
    if (iss instanceof Number) {
      app = state.app(((Number) iss).longValue());
    } else if (iss instanceof String && !((String) iss).isEmpty()) {
      String text = (String) iss;
      app =
          text.chars().allMatch(Character::isDigit) && text.length() < 19
              ? state.app(Long.parseLong(text))
              : state.appByClientId(text);
    } else {
      // No usable issuer: nothing to look up. Unconfirmed; GitHub cannot find a key to check
      // either.
      throw unauthorized(NOT_DECODED);
    }
    return app.orElseThrow(
        () -> ApiException.of(404, INTEGRATION_NOT_FOUND).documentedAt(ApiException.REST_DOCS));
  }

  private static boolean signedByOneOf(SignedJWT jwt, App app) {
    for (AppKey key : app.keys()) {
      try {
        if (jwt.verify(new RSASSAVerifier(key.publicKey()))) {
          return true;
        }
      } catch (JOSEException e) {
        // a key that cannot verify this JWT is just not its key
      }
    }
    return false;
  }

  private static Optional<Long> wholeSeconds(Object claim) {
    if (!(claim instanceof Number)) {
      return Optional.empty();
    }
    BigDecimal value = new BigDecimal(claim.toString());
    try {
      return Optional.of(value.longValueExact());
    } catch (ArithmeticException e) {
      return Optional.empty();
    }
  }

  private static ApiException unauthorized(String message) {
    return ApiException.of(401, message).documentedAt(ApiException.REST_DOCS);
  }
}
