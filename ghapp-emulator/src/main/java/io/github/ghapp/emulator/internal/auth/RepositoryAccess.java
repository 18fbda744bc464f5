package io.github.ghapp.emulator.internal.auth;

import io.github.ghapp.emulator.internal.http.ApiException;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import io.github.ghapp.emulator.internal.state.Installation;
import io.github.ghapp.emulator.internal.state.PermissionLevel;
import io.github.ghapp.emulator.internal.state.Repository;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Who may do what to a repository, shared by REST, GraphQL and Git over HTTP so that all three
 * agree.
 *
 * <ul>
 *   <li>A repository the token reaches: allowed when the token holds the permission at the level,
 *       else {@link Decision#FORBIDDEN} (REST: 403 {@code Resource not accessible by integration}).
 *   <li>A public repository the token does not reach (or no token at all): reads allowed, writes
 *       forbidden.
 *   <li>A private repository the token does not reach: {@link Decision#NOT_FOUND}, so that its
 *       existence does not leak.
 * </ul>
 */
public final class RepositoryAccess {

  public static final String NOT_ACCESSIBLE = "Resource not accessible by integration";

  /** The outcome of a check; each surface (REST, GraphQL, Git) words it its own way. */
  public enum Decision {
    ALLOWED,
    NOT_FOUND,
    FORBIDDEN
  }

  private final EmulatorState state;

  public RepositoryAccess(EmulatorState state) {
    this.state = state;
  }

  public Decision decide(
      Caller caller, Repository repository, String permission, PermissionLevel level) {
    if (caller instanceof Caller.InstallationCaller
        && reaches((Caller.InstallationCaller) caller, repository)) {
      return ((Caller.InstallationCaller) caller).token().permissions().allows(permission, level)
          ? Decision.ALLOWED
          : Decision.FORBIDDEN;
    }
    if (repository.isPrivate()) {
      return Decision.NOT_FOUND;
    }
    return level == PermissionLevel.READ ? Decision.ALLOWED : Decision.FORBIDDEN;
  }

  /**
   * For REST handlers: the repository {@code owner/name} if the caller may act on it with the
   * permission, else GitHub's 404 or 403.
   */
  public Repository require(
      Caller caller, String owner, String name, String permission, PermissionLevel level) {
    Repository repository = state.repository(owner, name).orElseThrow(ApiException::notFound);
    switch (decide(caller, repository, permission, level)) {
      case ALLOWED:
        return repository;
      case FORBIDDEN:
        throw ApiException.of(403, NOT_ACCESSIBLE);
      default:
        throw ApiException.notFound();
    }
  }

  /**
   * For REST handlers behind the permission gate, which has already checked the token's permission
   * for a repository it reaches: the repository {@code owner/name} if the caller may see it,
   * reading or writing as {@code level} says, else GitHub's 404 (a private repository out of reach)
   * or 403 (a write to a public one out of reach).
   */
  public Repository requireVisible(
      Caller caller, String owner, String name, PermissionLevel level) {
    Repository repository = state.repository(owner, name).orElseThrow(ApiException::notFound);
    if (caller instanceof Caller.InstallationCaller installation
        && reaches(installation, repository)) {
      return repository;
    }
    if (repository.isPrivate()) {
      throw ApiException.notFound();
    }
    if (level != PermissionLevel.READ) {
      throw ApiException.of(403, NOT_ACCESSIBLE);
    }
    return repository;
  }

  /**
   * True when the token's scope includes the repository (narrowed list, or whatever the
   * installation reaches).
   */
  public boolean reaches(Caller.InstallationCaller caller, Repository repository) {
    Installation installation = caller.installation();
    if (!state.reaches(installation, repository)) {
      return false;
    }
    return !caller.token().isNarrowed() || caller.token().repositoryIds().contains(repository.id());
  }

  /** The repositories within the token's scope, in id order. */
  public List<Repository> reachable(Caller.InstallationCaller caller) {
    return state.reachableRepositories(caller.installation()).stream()
        .filter(
            r -> !caller.token().isNarrowed() || caller.token().repositoryIds().contains(r.id()))
        .collect(Collectors.toList());
  }
}
