package io.github.ghapp.cli;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The tokens {@code ghapp revoke} was given, checked for shape before any is sent: one installation
 * token per line. What is wrong is said by position and kind, never by echoing the input (it may be
 * another secret, or binary).
 */
final class RevokeInput {
  /** {@code ghs_} and a classic or stateless body; GitHub says never to assume a length. */
  private static final Pattern INSTALLATION_TOKEN =
      Pattern.compile("ghs_[A-Za-z0-9_.\\-]{16,4096}");

  private static final Pattern JWT =
      Pattern.compile("eyJ[A-Za-z0-9_\\-]*\\.[A-Za-z0-9_\\-]*\\.[A-Za-z0-9_\\-]*");
  private static final Pattern OTHER_GITHUB_TOKEN = Pattern.compile("(gh[opur]_|github_pat_).*");

  private RevokeInput() {}

  /** The tokens in {@code text} (standard input or the argument), one per non-blank line. */
  static List<String> tokens(String text, String where) {
    if (text.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7f)
        || text.indexOf('\uFFFD') >= 0) {
      throw CliException.usage(
          where
              + " is not text (binary data?). Give one installation token (ghs_ followed by letters and digits) per line");
    }
    List<String> tokens = new ArrayList<>();
    List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String problem = problem(line);
      if (problem != null) {
        String which = lines.size() == 1 ? "the token" : "line " + (i + 1) + " of " + lines.size();
        throw CliException.usage(
            where
                + ": "
                + which
                + " ("
                + line.length()
                + " characters) "
                + problem
                + "; nothing was revoked. Give one installation token (ghs_ followed by letters and digits) per line");
      }
      tokens.add(line);
    }
    return tokens;
  }

  private static String problem(String line) {
    if (INSTALLATION_TOKEN.matcher(line).matches()) {
      return null;
    }
    if (JWT.matcher(line).matches()) {
      return "is a JWT, the app's own short-lived credential, not an installation token: it cannot"
          + " be revoked, it expires within 10 minutes";
    }
    if (OTHER_GITHUB_TOKEN.matcher(line).matches()) {
      return "is a user, OAuth or personal access token, not an installation token: revoke it in"
          + " GitHub's settings where it was created";
    }
    if (line.chars().anyMatch(Character::isWhitespace)) {
      return "has spaces in it, which no token has";
    }
    return "is not shaped like an installation token (ghs_ and letters, digits, '_', '-' or '.')";
  }

  /**
   * How a token is named in output: its mask and the first 8 hex digits of its SHA-256, enough to
   * tell several apart and to match against one's own copy ({@code printf %s "$T" | sha256sum}),
   * useless for using it.
   */
  static String describe(String token) {
    String masked = Secrets.mask(token);
    String fingerprint = "sha256 " + fingerprint(token);
    return masked.endsWith(")")
        ? masked.substring(0, masked.length() - 1) + ", " + fingerprint + ")"
        : masked + " (" + fingerprint + ")";
  }

  static String fingerprint(String token) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
