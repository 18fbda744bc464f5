package io.github.ghapp.spring.boot.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** One RSA key per test JVM (generating one is slow), as PEM text and as its base64. */
final class TestKeys {
  static final String PEM = generate();
  static final String PEM_BASE64 =
      Base64.getEncoder().encodeToString(PEM.getBytes(StandardCharsets.UTF_8));

  private TestKeys() {}

  private static String generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      byte[] der = generator.generateKeyPair().getPrivate().getEncoded();
      return "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
          + "\n-----END PRIVATE KEY-----\n";
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
