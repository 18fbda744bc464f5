package io.github.ghapp.cli;

import java.util.Comparator;
import java.util.Optional;
import java.util.Set;

/**
 * GitHub App permission names, for one purpose only: suggesting the name a user meant after GitHub
 * refused a mint. Nothing is refused on the strength of this list, because GitHub adds permissions
 * from time to time; GitHub's answer decides, this only explains it.
 */
final class PermissionNames {
  private static final Set<String> KNOWN =
      Set.of(
          // repository
          "actions",
          "administration",
          "artifact_metadata",
          "attestations",
          "checks",
          "code_quality",
          "codespaces",
          "contents",
          "dependabot_secrets",
          "deployments",
          "discussions",
          "environments",
          "issues",
          "merge_queues",
          "metadata",
          "packages",
          "pages",
          "pull_requests",
          "repository_custom_properties",
          "repository_hooks",
          "repository_projects",
          "secret_scanning_alerts",
          "secrets",
          "security_events",
          "single_file",
          "statuses",
          "vulnerability_alerts",
          "workflows",
          // organization
          "members",
          "organization_administration",
          "organization_announcement_banners",
          "organization_copilot_seat_management",
          "organization_custom_org_roles",
          "organization_custom_properties",
          "organization_custom_roles",
          "organization_events",
          "organization_hooks",
          "organization_packages",
          "organization_personal_access_token_requests",
          "organization_personal_access_tokens",
          "organization_plan",
          "organization_projects",
          "organization_secrets",
          "organization_self_hosted_runners",
          "organization_user_blocking",
          "team_discussions",
          // account
          "email_addresses",
          "followers",
          "git_ssh_keys",
          "gpg_keys",
          "interaction_limits",
          "profile",
          "starring");

  private PermissionNames() {}

  static boolean isKnown(String name) {
    return KNOWN.contains(name);
  }

  /** The known name closest to {@code name}, if one is within two edits (a typo). */
  static Optional<String> suggestion(String name) {
    return KNOWN.stream()
        .filter(k -> distance(k, name) <= 2)
        .min(Comparator.comparingInt((String k) -> distance(k, name)).thenComparing(k -> k));
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
