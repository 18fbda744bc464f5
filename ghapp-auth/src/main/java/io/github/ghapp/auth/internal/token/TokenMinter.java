package io.github.ghapp.auth.internal.token;

import io.github.ghapp.auth.InstallationToken;

/**
 * Mints a new installation token over the network. The seam between the token cache (which decides
 * when) and the HTTP layer (which knows how). Blocking; throws {@code GitHubException} on failure.
 */
@FunctionalInterface
public interface TokenMinter {
  InstallationToken mint();
}
