package io.github.ghapp.auth.internal.jwt;

import io.github.ghapp.auth.PrivateKeyException;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Reads a key kept base64-encoded, as CI secret stores often hold it: the whole PEM file in base64,
 * DER (PKCS#1 or PKCS#8) in base64, or a PEM body without its armour lines (which is DER in base64
 * too). Such text is also what must never be echoed in a message, so {@link #looksLikeKey} decides
 * by shape alone, without reading any file.
 */
final class Base64Keys {
  /** Shorter than any RSA key in base64 (a 1024-bit PKCS#1 key is about 800 characters). */
  static final int MIN_LENGTH = 128;

  /**
   * Possessive: with backtracking, base64 then a long run of spaces and one other character (a 64
   * KiB key file of them) took 29 s to refuse; the class holds no {@code =}, so nothing is lost.
   */
  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/\\-_\\s]++={0,2}+\\s*+");

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private Base64Keys() {}

  /**
   * Whether {@code text} is long base64: key material (or a secret of another kind), never a path
   * anyone types, so it is neither echoed nor taken for a file name.
   */
  static boolean looksLikeKey(String text) {
    String s = text.strip();
    return s.length() >= MIN_LENGTH && BASE64.matcher(s).matches();
  }

  /** Reads the key in base64 text that {@link #looksLikeKey} accepts. */
  static RSAPrivateKey parse(String text, String source) {
    String compact = WHITESPACE.matcher(text).replaceAll("");
    String what = "The " + source + " (" + compact.length() + " characters of base64)";
    byte[] bytes;
    try {
      bytes =
          compact.indexOf('-') >= 0 || compact.indexOf('_') >= 0
              ? Base64.getUrlDecoder().decode(compact)
              : Base64.getDecoder().decode(compact);
    } catch (IllegalArgumentException e) {
      throw new PrivateKeyException(
          what
              + " is not valid base64: it was changed when copied. Pass the PEM file's whole"
              + " contents, or the file base64-encoded whole (base64 -w0 key.pem). "
              + PemKeys.GET_A_KEY);
    }
    String decoded = new String(bytes, StandardCharsets.UTF_8);
    if (decoded.contains("-----BEGIN")) {
      return PemKeys.parse(decoded, source + " (base64-encoded PEM)");
    }
    if (bytes.length > 0 && bytes[0] == 0x30) {
      return PemKeys.fromDer(bytes, source + " (base64-encoded DER)");
    }
    throw new PrivateKeyException(
        what
            + " decodes to neither a PEM file nor an RSA key in DER form. Pass the PEM file's"
            + " whole contents, or the file base64-encoded whole (base64 -w0 key.pem). "
            + PemKeys.GET_A_KEY);
  }
}
