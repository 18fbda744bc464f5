package io.github.ghapp.emulator;

import io.github.ghapp.emulator.internal.auth.IssuedToken;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import io.github.ghapp.emulator.internal.state.Repository;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the emulator knows of an installation token it handed out, seen from a test: whose it is,
 * how far it reaches, and when it expires on the emulator's clock (its offset included, as GitHub's
 * {@code expires_at}). For tests that check a client never holds a token wider or older than it
 * should, from the server's side rather than from the client's own account.
 *
 * <pre>{@code
 * EmulatedToken t = emu.token(tokens.token()).orElseThrow();   // empty once revoked or unknown
 * assertThat(t.repositories()).containsOnly("octo-org/hello-world");
 * assertThat(t.permissions()).containsEntry("issues", "write");
 * }</pre>
 *
 * @param installationId the installation it acts as
 * @param repositories the full names ({@code owner/name}) it was narrowed to; empty when it reaches
 *     whatever its installation reaches ({@code narrowed} false)
 * @param narrowed whether it was minted for some repositories only
 * @param permissions permission name to level ({@code read}, {@code write}, {@code admin})
 */
public record EmulatedToken(
    long installationId,
    Set<String> repositories,
    boolean narrowed,
    Map<String, String> permissions,
    Instant createdAt,
    Instant expiresAt) {

  public EmulatedToken {
    repositories = Set.copyOf(repositories);
    permissions = Map.copyOf(permissions);
  }

  /**
   * A token as the registry remembers it, its repositories named as they are now (one deleted since
   * is left out).
   */
  static EmulatedToken of(IssuedToken issued, EmulatorState state) {
    return new EmulatedToken(
        issued.installationId(),
        issued.repositoryIds() == null
            ? Set.of()
            : issued.repositoryIds().stream()
                .map(state::repository)
                .flatMap(Optional::stream)
                .map(Repository::fullName)
                .collect(Collectors.toSet()),
        issued.repositoryIds() != null,
        issued.permissions().asJsonMap(),
        issued.createdAt(),
        issued.expiresAt());
  }

  /** Whether the emulator refuses it as expired at {@code now} of its clock (offset included). */
  public boolean isExpiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
