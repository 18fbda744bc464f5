package io.github.ghapp.cli;

import io.github.ghapp.auth.InstallationToken;
import io.github.ghapp.auth.TokenProvider;
import java.time.Duration;

/** What {@code token} and {@code git-credential} share about handing out a cached token. */
final class Tokens {
  /**
   * The most validity a caller can ask for: GitHub's tokens live 60 minutes and the library never hands
   * out one with less than its 5-minute margin left.
   */
  static final Duration MAX_MIN_VALIDITY = Duration.ofMinutes(55);

  private Tokens() {}

  /** {@code minValidity} when it can be met; null stays null (the library's margin). */
  static Duration checkMinValidity(Duration minValidity, String option) {
    if (minValidity != null && (minValidity.isNegative() || minValidity.compareTo(MAX_MIN_VALIDITY) > 0)) {
      throw CliException.usage(option + " " + format(minValidity) + " cannot be met: installation tokens"
          + " live 60 minutes and are never handed out with less than 5 left, so ask for 0 to 55m");
    }
    return minValidity;
  }

  /** The provider's token (from the store when it lasts long enough), with at least {@code minValidity} left. */
  static InstallationToken cached(TokenProvider provider, Duration minValidity) {
    return minValidity == null ? provider.installationToken() : provider.installationToken(minValidity);
  }

  /** {@code 45m}, {@code 1h30m}: as the user would write it. */
  static String format(Duration d) {
    long seconds = d.getSeconds();
    String sign = seconds < 0 ? "-" : "";
    seconds = Math.abs(seconds);
    StringBuilder text = new StringBuilder(sign);
    if (seconds >= 3600) {
      text.append(seconds / 3600).append('h');
    }
    if (seconds % 3600 >= 60) {
      text.append(seconds % 3600 / 60).append('m');
    }
    if (seconds % 60 != 0 || seconds == 0) {
      text.append(seconds % 60).append('s');
    }
    return text.toString();
  }
}
