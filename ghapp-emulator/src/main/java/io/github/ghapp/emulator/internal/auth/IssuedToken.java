package io.github.ghapp.emulator.internal.auth;

import io.github.ghapp.emulator.internal.state.Permissions;
import io.github.ghapp.emulator.internal.state.RepositorySelection;
import java.time.Instant;
import java.util.Set;

/**
 * What the emulator remembers of an installation access token: everything but the token itself,
 * which is kept only as its SHA-256 hash (the map key in {@link TokenRegistry}).
 *
 * @param repositoryIds the repositories the token was narrowed to, or null when it reaches whatever
 *     its installation reaches (GitHub's behaviour for a token minted without a repository list)
 */
public record IssuedToken(
    long installationId,
    long appId,
    RepositorySelection repositorySelection,
    Set<Long> repositoryIds,
    Permissions permissions,
    Instant createdAt,
    Instant expiresAt) {

  public IssuedToken {
    repositoryIds = repositoryIds == null ? null : Set.copyOf(repositoryIds);
  }

  boolean isNarrowed() {
    return repositoryIds != null;
  }

  boolean isExpiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
