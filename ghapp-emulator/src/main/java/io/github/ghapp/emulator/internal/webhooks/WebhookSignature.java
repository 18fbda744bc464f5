package io.github.ghapp.emulator.internal.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * GitHub's webhook signatures: {@code sha256=} plus the lowercase hex HMAC-SHA256 of the exact body
 * bytes with the webhook secret ({@code X-Hub-Signature-256}), and the legacy {@code sha1=} form
 * ({@code X-Hub-Signature}).
 */
public final class WebhookSignature {

  private WebhookSignature() {}

  public static String sha256(String secret, byte[] body) {
    return "sha256=" + hmac("HmacSHA256", secret, body);
  }

  static String sha1(String secret, byte[] body) {
    return "sha1=" + hmac("HmacSHA1", secret, body);
  }

  private static String hmac(String algorithm, String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(algorithm + " is not available in this JDK", e);
    }
  }
}
