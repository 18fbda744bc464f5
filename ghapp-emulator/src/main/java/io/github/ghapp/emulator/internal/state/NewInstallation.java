package io.github.ghapp.emulator.internal.state;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * What is needed to install an app; null fields take GitHub's defaults.
 *
 * @param id null to let the emulator choose
 * @param selection null: {@code selected} when repositories are named, else {@code all}
 * @param repositories repository names (of the account), used with {@code selected}
 * @param permissions null: every permission of the app
 * @param events null: every event of the app
 */
public record NewInstallation(
    Long id,
    long appId,
    String account,
    RepositorySelection selection,
    List<String> repositories,
    Map<String, String> permissions,
    List<String> events,
    boolean suspended) {

  /**
   * The installation this asks for, with GitHub's defaults filled in, or a message saying what is
   * wrong: a repository the account does not own, a list with selection {@code all}, permissions
   * beyond the app's.
   *
   * @param findRepository looks a repository up by owner and name
   */
  Installation toInstallation(
      long id,
      App app,
      Account account,
      BiFunction<String, String, Optional<Repository>> findRepository,
      Instant at) {
    String where = "installation " + id;
    RepositorySelection chosen =
        selection != null
            ? selection
            : repositories != null ? RepositorySelection.SELECTED : RepositorySelection.ALL;
    Set<Long> repositoryIds = new LinkedHashSet<>();
    if (chosen == RepositorySelection.SELECTED && repositories != null) {
      for (String name : repositories) {
        Repository repository =
            findRepository
                .apply(account.login(), name)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            where
                                + " names repository '"
                                + name
                                + "', which "
                                + account.login()
                                + " does not own; create it or add it to the account"));
        repositoryIds.add(repository.id());
      }
    } else if (repositories != null && !repositories.isEmpty()) {
      throw new IllegalArgumentException(
          where
              + " has repository_selection all and also names "
              + "repositories; drop the list or use repository_selection selected");
    }
    Permissions granted =
        permissions == null ? app.permissions() : Permissions.parse(permissions, where);
    if (!app.permissions().covers(granted)) {
      throw new IllegalArgumentException(
          where
              + " has permissions "
              + granted
              + " beyond its app's "
              + app.permissions()
              + "; an installation can only hold what its app requests");
    }
    return new Installation(
        id,
        app.id(),
        account,
        chosen,
        repositoryIds,
        granted,
        events == null ? app.events() : events,
        at,
        at,
        suspended ? at : null);
  }
}
