package io.github.ghapp.auth;

/**
 * The installation is suspended ({@code 403 This installation has been suspended}): no tokens can
 * be minted for it until the account owner (or the app's owner) unsuspends it.
 */
public class InstallationSuspendedException extends GitHubException {
  public InstallationSuspendedException(String message, ErrorDetails details) {
    super(message, details, false);
  }
}
