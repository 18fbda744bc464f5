package io.github.ghapp.auth.internal.jwt;

import java.io.ByteArrayOutputStream;

/**
 * The little ASN.1 DER that reading GitHub's keys takes, so that ghapp needs no crypto library:
 * wrapping a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (the only form the JDK's KeyFactory
 * reads), and reading the algorithm OID of a PrivateKeyInfo to tell RSA from EC and the like.
 */
final class Der {
  private static final int SEQUENCE = 0x30;
  private static final int INTEGER = 0x02;
  private static final int OID = 0x06;
  private static final int OCTET_STRING = 0x04;

  /** AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }. */
  private static final byte[] RSA_ALGORITHM = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };

  static final String RSA_OID = "1.2.840.113549.1.1.1";
  static final String RSA_PSS_OID = "1.2.840.113549.1.1.10";
  static final String EC_OID = "1.2.840.10045.2.1";
  static final String ED25519_OID = "1.3.101.112";
  static final String DSA_OID = "1.2.840.10040.4.1";

  private Der() {}

  /** PrivateKeyInfo ::= SEQUENCE { version 0, rsaEncryption, OCTET STRING pkcs1 } (RFC 5208). */
  static byte[] wrapPkcs1InPkcs8(byte[] pkcs1) {
    ByteArrayOutputStream content = new ByteArrayOutputStream(pkcs1.length + 32);
    content.writeBytes(new byte[] {INTEGER, 0x01, 0x00});
    content.writeBytes(RSA_ALGORITHM);
    writeTlv(content, OCTET_STRING, pkcs1);
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.size() + 8);
    writeTlv(out, SEQUENCE, content.toByteArray());
    return out.toByteArray();
  }

  /**
   * The dotted algorithm OID of a PKCS#8 PrivateKeyInfo, e.g. {@code 1.2.840.113549.1.1.1}.
   *
   * @throws IllegalArgumentException when {@code pkcs8} is not shaped like a PrivateKeyInfo
   */
  static String pkcs8AlgorithmOid(byte[] pkcs8) {
    Reader r = new Reader(pkcs8);
    r.enter(SEQUENCE);
    r.skip(INTEGER);
    r.enter(SEQUENCE);
    return r.oid();
  }

  /**
   * Whether {@code der} is shaped like a PKCS#1 RSAPrivateKey: {@code SEQUENCE { INTEGER version,
   * INTEGER modulus, ... }}. A PKCS#8 PrivateKeyInfo has a SEQUENCE (the algorithm) where this has
   * the modulus, so the two are told apart by their second element. Whether the numbers make a key
   * is for KeyFactory to say.
   */
  static boolean isPkcs1Shaped(byte[] der) {
    try {
      Reader r = new Reader(der);
      r.enter(SEQUENCE);
      r.skip(INTEGER);
      r.skip(INTEGER);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Whether {@code der} is shaped like a PKCS#8 PrivateKeyInfo (whatever its algorithm). */
  static boolean isPkcs8Shaped(byte[] der) {
    try {
      pkcs8AlgorithmOid(der);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void writeTlv(ByteArrayOutputStream out, int tag, byte[] value) {
    out.write(tag);
    int length = value.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.writeBytes(value);
  }

  /** Reads definite-length TLVs front to back; any malformation is an IllegalArgumentException. */
  private static final class Reader {
    private final byte[] der;
    private int pos;

    Reader(byte[] der) {
      this.der = der;
    }

    /** Consumes the tag and length of a constructed value, leaving the position at its contents. */
    int enter(int tag) {
      expect(tag);
      return length();
    }

    void skip(int tag) {
      expect(tag);
      int length = length();
      pos += length;
    }

    String oid() {
      expect(OID);
      int length = length();
      int end = pos + length;
      if (length == 0) {
        throw new IllegalArgumentException("empty OID");
      }
      StringBuilder s = new StringBuilder();
      long value = 0;
      boolean first = true;
      while (pos < end) {
        int b = der[pos++] & 0xff;
        value = (value << 7) | (b & 0x7f);
        if ((b & 0x80) == 0) {
          if (first) {
            int arc = (int) Math.min(value / 40, 2);
            s.append(arc).append('.').append(value - 40L * arc);
            first = false;
          } else {
            s.append('.').append(value);
          }
          value = 0;
        }
      }
      return s.toString();
    }

    private void expect(int tag) {
      if (pos >= der.length || (der[pos] & 0xff) != tag) {
        throw new IllegalArgumentException("unexpected DER structure");
      }
      pos++;
    }

    private int length() {
      if (pos >= der.length) {
        throw new IllegalArgumentException("truncated DER");
      }
      int first = der[pos++] & 0xff;
      int length;
      if (first < 0x80) {
        length = first;
      } else {
        int bytes = first & 0x7f;
        if (bytes == 0 || bytes > 3 || pos + bytes > der.length) {
          throw new IllegalArgumentException("unsupported DER length");
        }
        length = 0;
        for (int i = 0; i < bytes; i++) {
          length = (length << 8) | (der[pos++] & 0xff);
        }
      }
      if (pos + length > der.length) {
        throw new IllegalArgumentException("truncated DER");
      }
      return length;
    }
  }
}
