package io.github.ghapp.auth;

import io.github.ghapp.auth.internal.jwt.RsaJwtSigner;
import java.security.PrivateKey;

/**
 * Signs the app's JWTs with RS256 (RSASSA-PKCS1-v1_5 with SHA-256). Implement it when the private
 * key lives in a KMS or an HSM and never enters this process; ghapp builds the JWT and hands over
 * only the bytes to sign.
 *
 * <pre>{@code
 * JwtSigner kms = new JwtSigner() {
 *   public byte[] sign(byte[] content) {
 *     return kmsClient.sign(keyId, "RSASSA_PKCS1_V1_5_SHA_256", content);
 *   }
 *   public String describe() {
 *     return "KMS key " + keyId;
 *   }
 * };
 * GitHubApp app = GitHubApp.builder().clientId("Iv23liABC").signer(kms).build();
 * }</pre>
 */
public interface JwtSigner {

  /** The RS256 signature of {@code content} (the JWT's {@code header.payload}, ASCII). */
  byte[] sign(byte[] content);

  /**
   * Names the key in error messages and logs, e.g. by its fingerprint. Must never reveal key
   * material.
   */
  default String describe() {
    return getClass().getName();
  }

  /** A signer over an RSA private key held in this process. */
  static JwtSigner of(PrivateKey key) {
    return new RsaJwtSigner(key);
  }
}
