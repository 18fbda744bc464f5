package io.github.ghapp.emulator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.ghapp.emulator.internal.state.Pem;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** App JWTs for the tests, signed with nimbus (never with ghapp-auth). */
final class Jwts {

  private Jwts() {}

  /** A JWT as a well-behaved client makes it: iat 60 s back, exp 9 minutes ahead of {@code now}. */
  static String forApp(String privateKeyPem, Object issuer, Instant now) {
    return sign(
        privateKeyPem,
        Map.of(
            "iss",
            issuer,
            "iat",
            now.getEpochSecond() - 60,
            "exp",
            now.plus(Duration.ofMinutes(9)).getEpochSecond()));
  }

  static String sign(String privateKeyPem, Map<String, Object> claims) {
    return sign(privateKeyPem, JWSAlgorithm.RS256, claims);
  }

  static String sign(String privateKeyPem, JWSAlgorithm algorithm, Map<String, Object> claims) {
    try {
      JWTClaimsSet.Builder set = new JWTClaimsSet.Builder();
      claims.forEach(set::claim);
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(algorithm).type(com.nimbusds.jose.JOSEObjectType.JWT).build(),
              set.build());
      jwt.sign(new RSASSASigner(Pem.parsePrivateKey(privateKeyPem)));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
