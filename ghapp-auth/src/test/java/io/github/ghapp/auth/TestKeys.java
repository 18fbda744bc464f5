package io.github.ghapp.auth;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;

/**
 * Keys for tests, generated fresh: nothing secret is checked in. PKCS#1 is cut out of the JDK's
 * PKCS#8 encoding by hand (the inverse of what ghapp does), so the two sides do not share code.
 */
public final class TestKeys {
  private TestKeys() {}

  public static KeyPair rsa() {
    return generate("RSA", 2048);
  }

  public static KeyPair generate(String algorithm, int size) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
      if (size > 0) {
        g.initialize(size);
      }
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code -----BEGIN PRIVATE KEY-----}, as {@code openssl pkcs8 -topk8 -nocrypt} writes it. */
  public static String pkcs8Pem(KeyPair pair) {
    return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
  }

  /** {@code -----BEGIN RSA PRIVATE KEY-----}, as GitHub hands keys out. */
  public static String pkcs1Pem(KeyPair pair) {
    return pem("RSA PRIVATE KEY", pkcs1Der(pair.getPrivate().getEncoded()));
  }

  /** The RSAPrivateKey inside a PrivateKeyInfo: the contents of its final OCTET STRING. */
  public static byte[] pkcs1Der(byte[] pkcs8) {
    int pos = 0;
    pos = skipHeader(pkcs8, pos, 0x30); // PrivateKeyInfo SEQUENCE, enter
    pos = skipWhole(pkcs8, pos, 0x02); // version
    pos = skipWhole(pkcs8, pos, 0x30); // AlgorithmIdentifier
    int contentStart = skipHeader(pkcs8, pos, 0x04); // OCTET STRING, enter
    return Arrays.copyOfRange(pkcs8, contentStart, contentStart + length(pkcs8, pos + 1));
  }

  public static String pem(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  private static int skipHeader(byte[] der, int pos, int tag) {
    if ((der[pos] & 0xff) != tag) {
      throw new IllegalStateException("unexpected tag at " + pos);
    }
    int first = der[pos + 1] & 0xff;
    return pos + 2 + (first < 0x80 ? 0 : first & 0x7f);
  }

  private static int skipWhole(byte[] der, int pos, int tag) {
    return skipHeader(der, pos, tag) + length(der, pos + 1);
  }

  private static int length(byte[] der, int lengthPos) {
    int first = der[lengthPos] & 0xff;
    if (first < 0x80) {
      return first;
    }
    int length = 0;
    for (int i = 1; i <= (first & 0x7f); i++) {
      length = (length << 8) | (der[lengthPos + i] & 0xff);
    }
    return length;
  }
}
