package io.github.ghapp.emulator.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * GitHub's classic token format: prefix + 30 random base62 characters + the CRC32 of those 30
 * characters in base62, left-padded with {@code 0} to 6. Secret scanners recompute that checksum,
 * so the emulator must write a correct one; the sample {@code
 * 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} ends in its checksum {@code 11T4V4}.
 */
public final class TokenFormats {

  static final String INSTALLATION_PREFIX = "ghs_";
  static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final int RANDOM_LENGTH = 30;
  private static final int CHECKSUM_LENGTH = 6;
  private static final SecureRandom RANDOM = new SecureRandom();

  private TokenFormats() {}

  /** A new classic installation token, {@code ghs_} + 36 characters. */
  static String newClassicToken() {
    StringBuilder random = new StringBuilder(RANDOM_LENGTH);
    for (int i = 0; i < RANDOM_LENGTH; i++) {
      random.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
    }
    return INSTALLATION_PREFIX + random + checksum(random.toString());
  }

  /** The 6-character base62 CRC32 of {@code randomPart}. */
  public static String checksum(String randomPart) {
    CRC32 crc = new CRC32();
    crc.update(randomPart.getBytes(StandardCharsets.US_ASCII));
    long value = crc.getValue();
    char[] digits = new char[CHECKSUM_LENGTH];
    for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
      digits[i] = BASE62.charAt((int) (value % 62));
      value /= 62;
    }
    return new String(digits);
  }

  /** True for a classic token ({@code xxx_} + 30 + 6) whose checksum is right. */
  public static boolean hasValidChecksum(String token) {
    int underscore = token.indexOf('_');
    if (underscore < 0 || token.length() != underscore + 1 + RANDOM_LENGTH + CHECKSUM_LENGTH) {
      return false;
    }
    String random = token.substring(underscore + 1, underscore + 1 + RANDOM_LENGTH);
    return checksum(random).equals(token.substring(underscore + 1 + RANDOM_LENGTH));
  }
}
