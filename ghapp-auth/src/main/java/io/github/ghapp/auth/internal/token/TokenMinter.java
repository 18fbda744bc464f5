package io.github.ghapp.auth.internal.token;

import io.github.ghapp.auth.InstallationToken;
import io.github.ghapp.auth.TokenRequest;

/**
 * Mints a new installation token over the network. The seam between the token cache (which decides
 * when) and the HTTP layer (which knows how): {@link RestTokenMinter} in an app, a scripted one in
 * tests. Blocking; throws {@code GitHubException} on failure.
 */
@FunctionalInterface
public interface TokenMinter {
  InstallationToken mint(long installationId, TokenRequest request);
}
