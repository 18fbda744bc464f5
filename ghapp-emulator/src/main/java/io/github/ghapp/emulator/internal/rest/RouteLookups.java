package io.github.ghapp.emulator.internal.rest;

import io.github.ghapp.emulator.internal.auth.RepositoryAccess;
import io.github.ghapp.emulator.internal.http.ApiException;
import io.github.ghapp.emulator.internal.http.ApiRequest;
import io.github.ghapp.emulator.internal.state.App;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import io.github.ghapp.emulator.internal.state.PermissionLevel;
import io.github.ghapp.emulator.internal.state.Repository;

/** What the repository routes look up the same way: the path's repository and the caller's app. */
final class RouteLookups {

  private RouteLookups() {}

  /**
   * The repository of the path's {@code {owner}/{repo}}, as the caller may see it: 404 when it is
   * private and out of reach, 403 when a write ({@code level}) is not the caller's to make.
   */
  static Repository repository(RepositoryAccess access, ApiRequest request, PermissionLevel level) {
    return access.requireVisible(
        request.caller(), request.param("owner"), request.param("repo"), level);
  }

  /**
   * The app of the calling installation. Writes are routed for installation tokens only ({@code
   * Access.INSTALLATION}), so there is one; none would be the emulator's bug, GitHub's 500.
   */
  static App callerApp(EmulatorState state, ApiRequest request) {
    return state
        .app(request.installation().installation().appId())
        .orElseThrow(() -> ApiException.of(500, "Server Error"));
  }
}
