package io.github.ghapp.auth.internal.jwt;

import io.github.ghapp.auth.JwtSigner;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Objects;

/**
 * Signs with an RSA key held in this process. Describes itself by the key's fingerprint as GitHub
 * shows it on the app's settings page ({@code SHA256:} + base64 of the SHA-256 of the public key's
 * DER), so that a "wrong key" error can be matched against that page.
 */
public final class RsaJwtSigner implements JwtSigner {
  private final PrivateKey key;
  private final String fingerprint;

  public RsaJwtSigner(PrivateKey key) {
    Objects.requireNonNull(key, "key");
    if (!"RSA".equals(key.getAlgorithm())) {
      throw new IllegalArgumentException(
          "GitHub Apps sign their JWTs with RSA keys, but this key is "
              + key.getAlgorithm()
              + "; use the RSA key generated in the app's settings");
    }
    this.key = key;
    this.fingerprint = fingerprint(key);
  }

  @Override
  public byte[] sign(byte[] content) {
    try {
      // Signature objects are not thread-safe; a new one per JWT costs little next to the RSA
      // operation.
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(key);
      signature.update(content);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "RS256 signing failed with " + fingerprint + ": " + e.getClass().getSimpleName(), e);
    }
  }

  @Override
  public String describe() {
    return "RSA key " + fingerprint;
  }

  @Override
  public String toString() {
    return "RsaJwtSigner{" + fingerprint + "}";
  }

  private static String fingerprint(PrivateKey key) {
    if (!(key instanceof RSAPrivateCrtKey)) {
      return "(fingerprint unknown: the key carries no public part)";
    }
    RSAPrivateCrtKey crt = (RSAPrivateCrtKey) key;
    try {
      byte[] publicDer =
          KeyFactory.getInstance("RSA")
              .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()))
              .getEncoded();
      return "SHA256:"
          + Base64.getEncoder()
              .encodeToString(MessageDigest.getInstance("SHA-256").digest(publicDer));
    } catch (GeneralSecurityException e) {
      return "(fingerprint unknown)";
    }
  }
}
