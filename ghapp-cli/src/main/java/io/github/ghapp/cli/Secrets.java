package io.github.ghapp.cli;

import java.util.regex.Pattern;

/**
 * Keeps secrets out of what ghapp prints on standard error. Messages are written not to contain
 * any, but picocli echoes arguments it cannot place ({@code ghapp token ghs_...} would show the
 * token), so every line on standard error passes through {@link #redact} as well.
 */
final class Secrets {
  /**
   * GitHub's token prefixes (installation, user, OAuth, refresh, personal, fine-grained personal)
   * in the classic and the long stateless forms, a JWT, a PEM block with a body (a bare {@code
   * -----BEGIN ...-----} label, as ghapp's own advice quotes it, is no secret), and long base64 (a
   * key without its armour). A token needs a body too: "ghs_..." in advice is kept.
   */
  private static final Pattern SECRET =
      Pattern.compile(
          "\\b(?:gh[sopur]_|github_pat_)[A-Za-z0-9_\\-][A-Za-z0-9_.\\-]*"
              + "|\\beyJ[A-Za-z0-9_\\-]*\\.[A-Za-z0-9_\\-]*\\.[A-Za-z0-9_\\-]*"
              + "|-----BEGIN ([A-Z0-9 ]+)-----(?:\\s|\\\\n)*(?:[A-Za-z-]+:[^\\n]*(?:\\s|\\\\n)+)*"
              + "(?:[A-Za-z0-9+/=]{16}|[A-Za-z0-9+/=]+(?=[ \\t]*(?:\\n|\\\\n|-----END|$)))"
              + ".*?(?:-----END \\1-----|$)"
              + "|[A-Za-z0-9+/]{128,}={0,2}",
          Pattern.DOTALL);

  private static final Pattern TOKEN_OR_JWT_OR_PEM =
      Pattern.compile("gh[sopur]_|github_pat_|eyJ|-----BEGIN");

  private Secrets() {}

  /**
   * {@code text} with every token, JWT or PEM block replaced by a mask that keeps only a token's
   * prefix.
   */
  static String redact(String text) {
    if (text == null) {
      return null;
    }
    return SECRET
        .matcher(text)
        .replaceAll(
            m ->
                TOKEN_OR_JWT_OR_PEM.matcher(m.group()).lookingAt()
                    ? mask(m.group())
                    : "<" + m.group().length() + " characters of base64>"); // an unarmoured key
  }

  /**
   * A token as it may be shown: its prefix (up to and including the first {@code _}) and its
   * length, e.g. {@code ghs_****...**** (40 characters)}. Nothing of the secret part is shown.
   */
  static String mask(String secret) {
    if (secret.startsWith("-----BEGIN")) {
      return "<private key>";
    }
    if (secret.startsWith("eyJ")) {
      return "<JWT>";
    }
    int underscore = secret.indexOf('_');
    String prefix = underscore > 0 && underscore < 12 ? secret.substring(0, underscore + 1) : "";
    return prefix + "****...**** (" + secret.length() + " characters)";
  }
}
