package io.github.ghapp.auth;

import java.time.Duration;

/**
 * GitHub refused the app's JWT because of its time claims ({@code iat} in the future, {@code exp}
 * in the past or too far ahead) even after ghapp corrected its clock from GitHub's {@code Date}
 * header and signed again. Usually the local clock jumps or drifts fast; run NTP (e.g. {@code
 * timedatectl set-ntp true}).
 */
public class ClockSkewException extends GitHubException {
  private final Duration offset;

  public ClockSkewException(String message, ErrorDetails details, Duration offset) {
    super(message, details, false);
    this.offset = offset;
  }

  /**
   * How far GitHub's clock was ahead of the local one (negative when behind) according to its last
   * answer, or null when GitHub sent no usable {@code Date} header.
   */
  public Duration offset() {
    return offset;
  }
}
