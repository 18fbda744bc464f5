package io.github.ghapp.cli;

import java.util.List;
import java.util.Map;

/**
 * What {@code ghapp exec} adds to its child's environment: the token for {@code gh} and other
 * tools, and Git settings in {@code GIT_CONFIG_COUNT}/{@code GIT_CONFIG_KEY_n}/{@code
 * GIT_CONFIG_VALUE_n}, which Git reads as if given with {@code -c} and which reach every {@code
 * git} the child runs, however deep.
 */
final class ChildEnvironment {
  static final String COUNT = "GIT_CONFIG_COUNT";

  private ChildEnvironment() {}

  /**
   * Sets {@code GH_TOKEN} and {@code GITHUB_TOKEN}, and for a host other than github.com also
   * {@code GH_HOST} and the {@code GH_ENTERPRISE_TOKEN}/{@code GITHUB_ENTERPRISE_TOKEN} that {@code
   * gh} reads for it.
   */
  static void token(Map<String, String> env, String token, String host) {
    env.put("GH_TOKEN", token);
    env.put("GITHUB_TOKEN", token);
    if (!host.equals("github.com")) {
      env.put("GH_HOST", host);
      env.put("GH_ENTERPRISE_TOKEN", token);
      env.put("GITHUB_ENTERPRISE_TOKEN", token);
    }
  }

  /**
   * Makes Git ask only {@code helper} for {@code origin} ({@code https://github.com}): an empty
   * helper first clears those of the user's configuration for it (a stored, stale token would be
   * tried first), and without {@code useHttpPath} every repository gets the one scope asked for.
   * Settings already in {@code GIT_CONFIG_COUNT} are kept; these come after them.
   */
  static void gitHelper(Map<String, String> env, String origin, String helper) {
    List<String[]> entries =
        List.of(
            new String[] {"credential." + origin + ".helper", ""},
            new String[] {"credential." + origin + ".helper", helper},
            new String[] {"credential." + origin + ".useHttpPath", "false"});
    int n = existingCount(env.get(COUNT));
    for (String[] entry : entries) {
      env.put("GIT_CONFIG_KEY_" + n, entry[0]);
      env.put("GIT_CONFIG_VALUE_" + n, entry[1]);
      n++;
    }
    env.put(COUNT, Integer.toString(n));
  }

  private static int existingCount(String count) {
    if (count == null || count.isBlank()) {
      return 0;
    }
    try {
      int n = Integer.parseInt(count.strip());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below, as Git itself would refuse it
    }
    throw CliException.usage(
        COUNT
            + " is '"
            + count.strip()
            + "', not a number of settings; Git would refuse it too. Unset it or fix it");
  }
}
