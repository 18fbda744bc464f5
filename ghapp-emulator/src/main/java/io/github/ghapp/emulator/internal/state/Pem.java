package io.github.ghapp.emulator.internal.state;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RSA keys in PEM. GitHub hands out PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) and so does the
 * emulator, so that clients are exercised with the format they will meet; PKCS#8 is read as well.
 * The JDK reads neither PKCS#1 form, so the few DER structures involved are written by hand here
 * rather than pulling in BouncyCastle.
 */
public final class Pem {

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  /** DER of AlgorithmIdentifier{rsaEncryption, NULL}. */
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

  private Pem() {}

  /** A fresh 2048-bit RSA key pair, the size GitHub generates for apps. */
  public static KeyPair generateRsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot generate RSA keys", e);
    }
  }

  /**
   * Writes a private key as PKCS#1 PEM, the way github.com's "Generate a private key" button does.
   */
  public static String toPkcs1Pem(RSAPrivateCrtKey key) {
    byte[] der =
        sequence(
            integer(BigInteger.ZERO),
            integer(key.getModulus()),
            integer(key.getPublicExponent()),
            integer(key.getPrivateExponent()),
            integer(key.getPrimeP()),
            integer(key.getPrimeQ()),
            integer(key.getPrimeExponentP()),
            integer(key.getPrimeExponentQ()),
            integer(key.getCrtCoefficient()));
    return armor("RSA PRIVATE KEY", der);
  }

  /** Writes a public key as X.509 SubjectPublicKeyInfo PEM ({@code BEGIN PUBLIC KEY}). */
  public static String toPublicPem(RSAPublicKey key) {
    return armor("PUBLIC KEY", key.getEncoded());
  }

  /** Reads {@code BEGIN RSA PRIVATE KEY} (PKCS#1) or {@code BEGIN PRIVATE KEY} (PKCS#8). */
  public static RSAPrivateCrtKey parsePrivateKey(String pem) {
    Matcher m = block(pem, "a private key");
    byte[] der = Base64.getMimeDecoder().decode(m.group(2));
    byte[] pkcs8;
    switch (m.group(1)) {
      case "RSA PRIVATE KEY":
        pkcs8 = sequence(integer(BigInteger.ZERO), RSA_ALGORITHM, tagged(0x04, der));
        break;
      case "PRIVATE KEY":
        pkcs8 = der;
        break;
      default:
        throw new IllegalArgumentException(
            "expected a PEM private key (BEGIN RSA PRIVATE KEY or BEGIN PRIVATE KEY) "
                + "but found BEGIN "
                + m.group(1));
    }
    try {
      return (RSAPrivateCrtKey)
          KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalArgumentException("the PEM private key is not a readable RSA key", e);
    }
  }

  /** Reads {@code BEGIN PUBLIC KEY} (X.509) or {@code BEGIN RSA PUBLIC KEY} (PKCS#1). */
  static RSAPublicKey parsePublicKey(String pem) {
    Matcher m = block(pem, "a public key");
    byte[] der = Base64.getMimeDecoder().decode(m.group(2));
    byte[] spki;
    switch (m.group(1)) {
      case "PUBLIC KEY":
        spki = der;
        break;
      case "RSA PUBLIC KEY":
        byte[] bitString = new byte[der.length + 1];
        System.arraycopy(der, 0, bitString, 1, der.length);
        spki = sequence(RSA_ALGORITHM, tagged(0x03, bitString));
        break;
      default:
        throw new IllegalArgumentException(
            "expected a PEM public key (BEGIN PUBLIC KEY or BEGIN RSA PUBLIC KEY) "
                + "but found BEGIN "
                + m.group(1));
    }
    try {
      return (RSAPublicKey)
          KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalArgumentException("the PEM public key is not a readable RSA key", e);
    }
  }

  public static RSAPublicKey publicKeyOf(RSAPrivateCrtKey key) {
    try {
      return (RSAPublicKey)
          KeyFactory.getInstance("RSA")
              .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot derive the public key", e);
    }
  }

  private static Matcher block(String pem, String what) {
    Matcher m = BLOCK.matcher(pem == null ? "" : pem);
    if (!m.find()) {
      throw new IllegalArgumentException(
          "expected " + what + " in PEM format (-----BEGIN ...-----)");
    }
    return m;
  }

  private static String armor(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static byte[] integer(BigInteger value) {
    return tagged(0x02, value.toByteArray());
  }

  private static byte[] sequence(byte[]... parts) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      content.writeBytes(part);
    }
    return tagged(0x30, content.toByteArray());
  }

  private static byte[] tagged(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }
}
