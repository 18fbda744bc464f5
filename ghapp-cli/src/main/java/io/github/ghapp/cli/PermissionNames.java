package io.github.ghapp.cli;

import io.github.ghapp.auth.EndpointPermissions;
import java.util.Optional;

/**
 * GitHub App permission names, for one purpose only: suggesting the name a user meant after GitHub
 * refused a mint. Nothing is refused on the strength of this list, because GitHub adds permissions
 * from time to time; GitHub's answer decides, this only explains it. The names are GitHub's own,
 * from its permission tables (ghapp-permissions-data) and its token schema.
 */
final class PermissionNames {
  private PermissionNames() {}

  static boolean isKnown(String name) {
    return EndpointPermissions.permissionNames().contains(name);
  }

  /** The known name closest to {@code name}, if one is within two edits (a typo). */
  static Optional<String> suggestion(String name) {
    return EndpointPermissions.nearestPermissionName(name);
  }
}
