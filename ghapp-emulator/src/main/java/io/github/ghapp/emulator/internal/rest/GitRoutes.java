package io.github.ghapp.emulator.internal.rest;

import io.github.ghapp.emulator.internal.Urls;
import io.github.ghapp.emulator.internal.auth.RepositoryAccess;
import io.github.ghapp.emulator.internal.git.GitData;
import io.github.ghapp.emulator.internal.http.Router;
import io.github.ghapp.emulator.internal.state.EmulatorState;

/**
 * The routes on a repository's Git data, registered by one line of {@link RestApi}: contents, refs,
 * branches and commits, all on the real bare repositories ({@link GitData}).
 */
final class GitRoutes {

  private GitRoutes() {}

  static void register(
      Router router,
      EmulatorState state,
      Urls urls,
      RepositoryAccess repositoryAccess,
      Representations representations) {
    GitData git = new GitData(state);
    GitRepresentations json = new GitRepresentations(state, urls, representations);
    ContentRoutes.register(router, state, repositoryAccess, git, json);
  }
}
