package io.github.ghapp.auth.internal.jwt;

import io.github.ghapp.auth.PrivateKeyException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a GitHub App's RSA private key from PEM with the JDK alone. GitHub hands out PKCS#1 ({@code
 * BEGIN RSA PRIVATE KEY}), which the JDK cannot read directly, so it is wrapped in a PKCS#8
 * PrivateKeyInfo first; PKCS#8 ({@code BEGIN PRIVATE KEY}) is read as is. Which of the two a block
 * holds is decided by its structure, not its label, so a key under the other format's label is read
 * all the same.
 *
 * <p>Everything else is refused with a message saying what was found and how to get a usable key.
 * Messages name the source (a file path, or "private key text") and the PEM label, never any of the
 * key's content.
 */
public final class PemKeys {
  private static final Logger log = LoggerFactory.getLogger(PemKeys.class);
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
  private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  /** Forty base64 characters in a row, mixing cases or digits, may be a key's; echoed never. */
  private static final Pattern LONG_BASE64_RUN = Pattern.compile("[A-Za-z0-9+/=]{40,}");

  static final String GET_A_KEY =
      "Use the .pem file GitHub downloads when you generate a private key"
          + " in the app's settings (Settings > Developer settings > GitHub Apps > your app > Private keys);"
          + " it starts with -----BEGIN RSA PRIVATE KEY-----.";

  private PemKeys() {}

  /** Reads the key in the PEM file at {@code file}; see {@link PemFile}. */
  public static RSAPrivateKey read(Path file) {
    return PemFile.read(file);
  }

  /** Reads the key in PEM text; newlines may be written {@code \n}, as in environment variables. */
  public static RSAPrivateKey parse(String pem) {
    return parse(pem, "private key text");
  }

  static RSAPrivateKey parse(String pem, String source) {
    if (pem == null) {
      throw new PrivateKeyException("The " + source + " is null. " + GET_A_KEY);
    }
    String text = normalize(pem);
    if (text.isBlank()) {
      throw new PrivateKeyException(
          "The " + source + " is empty (was an environment variable unset?). " + GET_A_KEY);
    }
    if (!text.contains("-----BEGIN")) {
      if (Base64Keys.looksLikeKey(text)) {
        return Base64Keys.parse(text, source);
      }
      throw notPem(text, source);
    }
    List<Block> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      blocks.add(new Block(m.group(1), m.group(2)));
    }
    if (blocks.isEmpty()) {
      Matcher begin = BEGIN.matcher(text);
      String label = begin.find() ? begin.group(1) : "?";
      throw new PrivateKeyException(
          "The "
              + source
              + " has a -----BEGIN "
              + label
              + "----- line but no"
              + " matching -----END "
              + label
              + "----- line: it was cut off or changed when copied. Copy the"
              + " whole file, from the BEGIN line to the END line");
    }
    Block block =
        blocks.stream()
            .filter(b -> b.label.endsWith("PRIVATE KEY"))
            .findFirst()
            .orElse(blocks.get(0));
    return fromBlock(block, source);
  }

  private static RSAPrivateKey fromBlock(Block block, String source) {
    String what = "The " + source + " is ";
    switch (block.label) {
      case "RSA PRIVATE KEY":
        if (block.body.contains("Proc-Type: 4,ENCRYPTED")) {
          throw new PrivateKeyException(
              what
                  + "an encrypted PKCS#1 key (Proc-Type: 4,ENCRYPTED). ghapp needs it"
                  + " unencrypted: decrypt it once with `openssl rsa -in key.pem -out key-decrypted.pem` and"
                  + " guard the result like the original, or keep it in a KMS or HSM that signs for ghapp"
                  + " (a JwtSigner)");
        }
        return pkcs1(decode(block, source), source);
      case "PRIVATE KEY":
        return pkcs8(decode(block, source), source);
      case "ENCRYPTED PRIVATE KEY":
        throw new PrivateKeyException(
            what
                + "an encrypted PKCS#8 key (BEGIN ENCRYPTED PRIVATE KEY). ghapp"
                + " needs it unencrypted: decrypt it once with `openssl rsa -in key.pem -out key-decrypted.pem`"
                + " and guard the result like the original, or keep it in a KMS or HSM that signs for ghapp"
                + " (a JwtSigner)");
      case "OPENSSH PRIVATE KEY":
        throw new PrivateKeyException(
            what
                + "an OpenSSH private key (BEGIN OPENSSH PRIVATE KEY), such as"
                + " ssh-keygen makes, not a GitHub App key. GitHub Apps can only use keys GitHub generates. "
                + GET_A_KEY);
      case "EC PRIVATE KEY":
        throw new PrivateKeyException(
            what
                + "an EC private key (BEGIN EC PRIVATE KEY). GitHub Apps sign"
                + " with RSA keys that GitHub generates. "
                + GET_A_KEY);
      case "DSA PRIVATE KEY":
        throw new PrivateKeyException(
            what
                + "a DSA private key. GitHub Apps sign with RSA keys that GitHub"
                + " generates. "
                + GET_A_KEY);
      case "PUBLIC KEY":
      case "RSA PUBLIC KEY":
        throw new PrivateKeyException(
            what
                + "a public key (BEGIN "
                + block.label
                + "). Signing needs the"
                + " app's private key. "
                + GET_A_KEY);
      case "CERTIFICATE":
        throw new PrivateKeyException(
            what + "a certificate (BEGIN CERTIFICATE), not a private key. " + GET_A_KEY);
      default:
        throw new PrivateKeyException(
            what
                + "a PEM block labelled '"
                + block.label
                + "', not an RSA"
                + " private key. "
                + GET_A_KEY);
    }
  }

  /** Reads DER with no label, PKCS#1 or PKCS#8 as its structure says. */
  static RSAPrivateKey fromDer(byte[] der, String source) {
    if (Der.isPkcs1Shaped(der)) {
      return rsa(Der.wrapPkcs1InPkcs8(der), source, "RSA PRIVATE KEY");
    }
    if (Der.isPkcs8Shaped(der)) {
      return pkcs8Body(der, source);
    }
    throw new PrivateKeyException(
        "The "
            + source
            + " is not a valid RSA private key in either PKCS#1 or PKCS#8 form: it was probably"
            + " truncated or edited. "
            + GET_A_KEY);
  }

  /**
   * Reads the DER under a {@code BEGIN RSA PRIVATE KEY} label. Tools and hand-made files sometimes
   * put one format under the other's label; the structure says which it really is (see {@link
   * #pkcs8}).
   */
  private static RSAPrivateKey pkcs1(byte[] der, String source) {
    if (Der.isPkcs1Shaped(der)) {
      return rsa(Der.wrapPkcs1InPkcs8(der), source, "RSA PRIVATE KEY");
    }
    if (Der.isPkcs8Shaped(der)) {
      mislabelled(source, "RSA PRIVATE KEY", "PKCS#8", "PRIVATE KEY");
      return pkcs8Body(der, source);
    }
    throw corrupt(source, "RSA PRIVATE KEY");
  }

  /**
   * Reads the DER under a {@code BEGIN PRIVATE KEY} label, or a PKCS#1 key put there by mistake. A
   * mislabelled but valid RSA key is accepted rather than refused: the key itself is exactly what
   * GitHub needs, and refusing it would only make the user relabel a file to get the same bytes
   * read. The mix-up is logged at DEBUG (not WARN: nothing is wrong with what gets signed) for
   * whoever wonders.
   */
  private static RSAPrivateKey pkcs8(byte[] der, String source) {
    if (Der.isPkcs8Shaped(der)) {
      return pkcs8Body(der, source);
    }
    if (Der.isPkcs1Shaped(der)) {
      mislabelled(source, "PRIVATE KEY", "PKCS#1", "RSA PRIVATE KEY");
      return rsa(Der.wrapPkcs1InPkcs8(der), source, "PRIVATE KEY");
    }
    throw corrupt(source, "PRIVATE KEY");
  }

  private static void mislabelled(String source, String label, String format, String rightLabel) {
    log.debug(
        "The {} is labelled BEGIN {} but holds a {} key; reading it as {}. Relabelling its BEGIN and"
            + " END lines as {} would make them agree",
        source,
        label,
        format,
        format,
        rightLabel);
  }

  private static RSAPrivateKey pkcs8Body(byte[] der, String source) {
    String oid = Der.pkcs8AlgorithmOid(der);
    String what = "The " + source + " is ";
    switch (oid) {
      case Der.RSA_OID:
        return rsa(der, source, "PRIVATE KEY");
      case Der.EC_OID:
        throw new PrivateKeyException(
            what
                + "an EC private key in PKCS#8 form. GitHub Apps sign with RSA"
                + " keys that GitHub generates. "
                + GET_A_KEY);
      case Der.ED25519_OID:
        throw new PrivateKeyException(
            what
                + "an Ed25519 private key. GitHub Apps sign with RSA keys that"
                + " GitHub generates. "
                + GET_A_KEY);
      case Der.RSA_PSS_OID:
        throw new PrivateKeyException(
            what
                + "an RSASSA-PSS key; GitHub's JWTs need a plain RSA key"
                + " (rsaEncryption). "
                + GET_A_KEY);
      case Der.DSA_OID:
        throw new PrivateKeyException(
            what
                + "a DSA private key. GitHub Apps sign with RSA keys that GitHub"
                + " generates. "
                + GET_A_KEY);
      default:
        throw new PrivateKeyException(
            what
                + "a PKCS#8 private key of an unknown algorithm (OID "
                + oid
                + "), not RSA. "
                + GET_A_KEY);
    }
  }

  private static RSAPrivateKey rsa(byte[] pkcs8, String source, String label) {
    RSAPrivateKey key;
    try {
      key =
          (RSAPrivateKey)
              KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw corrupt(source, label);
    }
    if (!signsAndVerifies(key)) {
      throw corrupt(source, label);
    }
    return key;
  }

  /**
   * KeyFactory checks a key's structure, not its numbers: an edited key (PemKeysFuzzTest found one
   * with a changed CRT value) loads, then fails every JWT with an odd error at request time. So the
   * numbers are checked where the key is given: for a CRT key (every key GitHub hands out), that
   * they fit together as RSA needs them to sign (n = pq, each CRT exponent inverts e, the
   * coefficient inverts q), a few multiplications; a key without CRT values signs once.
   */
  private static boolean signsAndVerifies(RSAPrivateKey key) {
    if (key instanceof RSAPrivateCrtKey crt) {
      return consistent(crt);
    }
    try {
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(key);
      signer.update(new byte[] {'g', 'h', 'a', 'p', 'p'});
      signer.sign();
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static boolean consistent(RSAPrivateCrtKey k) {
    BigInteger one = BigInteger.ONE;
    BigInteger p = k.getPrimeP();
    BigInteger q = k.getPrimeQ();
    BigInteger e = k.getPublicExponent();
    if (p == null || q == null || e == null || p.compareTo(one) <= 0 || q.compareTo(one) <= 0) {
      return false;
    }
    BigInteger p1 = p.subtract(one);
    BigInteger q1 = q.subtract(one);
    return p.multiply(q).equals(k.getModulus())
        && e.multiply(k.getPrimeExponentP()).mod(p1).equals(one)
        && e.multiply(k.getPrimeExponentQ()).mod(q1).equals(one)
        && k.getCrtCoefficient().multiply(q).mod(p).equals(one)
        && k.getPrivateExponent().mod(p1).equals(k.getPrimeExponentP().mod(p1))
        && k.getPrivateExponent().mod(q1).equals(k.getPrimeExponentQ().mod(q1));
  }

  private static PrivateKeyException corrupt(String source, String label) {
    return new PrivateKeyException(
        "The "
            + source
            + " is labelled "
            + label
            + " but its contents are not a"
            + " valid RSA private key in either PKCS#1 or PKCS#8 form: it was probably truncated or edited. Copy"
            + " the whole file again, or generate a new key in the app's settings");
  }

  private static byte[] decode(Block block, String source) {
    StringBuilder base64 = new StringBuilder(block.body.length());
    for (String line : block.body.split("\n")) {
      if (!line.contains(
          ":")) { // RFC 1421 headers such as DEK-Info carry a colon; base64 never does
        // All whitespace, not just the ends: a PEM flattened onto one line (some secret stores and
        // .env files do that) has spaces where its line breaks were, and base64 itself has none.
        base64.append(WHITESPACE.matcher(line).replaceAll(""));
      }
    }
    byte[] der;
    try {
      der = Base64.getDecoder().decode(base64.toString());
    } catch (IllegalArgumentException e) {
      throw new PrivateKeyException(
          "The "
              + source
              + " has a "
              + block.label
              + " block whose body is not"
              + " valid base64: it was changed when copied (quotes, spaces or line breaks added?). Copy the"
              + " whole file again");
    }
    if (der.length == 0) {
      throw new PrivateKeyException(
          "The " + source + " has an empty " + block.label + " block. " + GET_A_KEY);
    }
    return der;
  }

  private static PrivateKeyException notPem(String text, String source) {
    String firstLine = text.strip().lines().findFirst().orElse("");
    if (firstLine.startsWith("PuTTY-User-Key-File")) {
      return new PrivateKeyException(
          "The " + source + " is a PuTTY key (.ppk), not a GitHub App key. " + GET_A_KEY);
    }
    if (firstLine.matches("(ssh-(rsa|ed25519|dss)|ecdsa-sha2-\\S+) .*")) {
      return new PrivateKeyException(
          "The " + source + " is an SSH public key, not a GitHub App private key. " + GET_A_KEY);
    }
    if (looksLikePath(text)) {
      return new PrivateKeyException(
          "The "
              + source
              + " looks like a file path ('"
              + text.strip()
              + "'), not PEM text: give it as the key's file path instead (in Java, privateKey(Path.of(\""
              + text.strip()
              + "\")))");
    }
    return new PrivateKeyException(
        "The "
            + source
            + " is not a PEM private key: it has no '-----BEGIN'"
            + " line ("
            + text.length()
            + " characters given). Pass the file's whole contents including the"
            + " BEGIN and END lines; in an environment variable the newlines may be written as \\n. "
            + GET_A_KEY);
  }

  /**
   * Only says "path" when that cannot echo key material: a name ending like a key file, or an
   * existing file.
   */
  private static boolean looksLikePath(String text) {
    String s = text.strip();
    if (s.isEmpty() || s.length() > 1024 || s.contains("\n") || holdsBase64(s)) {
      return false;
    }
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".pem") || lower.endsWith(".key") || lower.endsWith(".der")) {
      return true;
    }
    try {
      return (s.contains("/") || s.contains("\\")) && Files.isRegularFile(Path.of(s));
    } catch (InvalidPathException e) {
      return false;
    }
  }

  /** Whether {@code s} holds a long run of base64 of at least two kinds of character. */
  static boolean holdsBase64(String s) {
    Matcher run = LONG_BASE64_RUN.matcher(s);
    while (run.find()) {
      String r = run.group();
      int kinds =
          (r.chars().anyMatch(Character::isUpperCase) ? 1 : 0)
              + (r.chars().anyMatch(Character::isLowerCase) ? 1 : 0)
              + (r.chars().anyMatch(Character::isDigit) ? 1 : 0);
      if (kinds >= 2) {
        return true;
      }
    }
    return false;
  }

  /**
   * Undoes what environment variables and Windows do to PEM: literal \n, CRLF, a BOM, wrapping
   * quotes.
   */
  private static String normalize(String pem) {
    String s = pem.replace("\\n", "\n").replace("\r\n", "\n").replace('\r', '\n');
    if (s.startsWith("\uFEFF")) {
      s = s.substring(1);
    }
    String stripped = s.strip();
    if (stripped.length() >= 2
        && (stripped.startsWith("\"") && stripped.endsWith("\"")
            || stripped.startsWith("'") && stripped.endsWith("'"))) {
      s = stripped.substring(1, stripped.length() - 1);
    }
    return s;
  }

  private record Block(String label, String body) {}
}
