package io.github.ghapp.emulator.internal.state;

import java.util.Locale;

/**
 * The two kinds of GitHub account an app can be installed on; the names are GitHub's {@code type}
 * values.
 */
public enum AccountType {
  USER("User"),
  ORGANIZATION("Organization");

  private final String gitHubName;

  AccountType(String gitHubName) {
    this.gitHubName = gitHubName;
  }

  /** GitHub's spelling, as in {@code "type": "Organization"}. */
  public String gitHubName() {
    return gitHubName;
  }

  /**
   * Accepts GitHub's spelling in any case ({@code Organization}, {@code user}, also {@code org}).
   */
  public static AccountType parse(String value) {
    if (value == null) {
      throw new IllegalArgumentException(
          "account type is missing: use \"User\" or \"Organization\"");
    }
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "user":
        return USER;
      case "organization":
      case "org":
        return ORGANIZATION;
      default:
        throw new IllegalArgumentException(
            "unknown account type '" + value + "': use \"User\" or \"Organization\"");
    }
  }
}
