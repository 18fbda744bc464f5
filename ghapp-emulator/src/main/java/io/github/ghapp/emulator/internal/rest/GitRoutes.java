package io.github.ghapp.emulator.internal.rest;

import io.github.ghapp.emulator.internal.Urls;
import io.github.ghapp.emulator.internal.auth.Caller;
import io.github.ghapp.emulator.internal.auth.RepositoryAccess;
import io.github.ghapp.emulator.internal.git.GitData;
import io.github.ghapp.emulator.internal.http.ApiRequest;
import io.github.ghapp.emulator.internal.http.Router;
import io.github.ghapp.emulator.internal.state.App;
import io.github.ghapp.emulator.internal.state.BotUser;
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
    GitRefRoutes.register(router, state, repositoryAccess, git, json);
    CommitRoutes.register(router, repositoryAccess, git, json);
  }

  /**
   * Who writes: the app's bot, for the ref update. Writes are only routed for installation tokens
   * ({@link io.github.ghapp.emulator.internal.http.Access#INSTALLATION}), so there is an app.
   */
  static GitData.Writer writer(EmulatorState state, ApiRequest request) {
    Caller.InstallationCaller caller = request.installation();
    App app = RouteLookups.callerApp(state, request);
    return new GitData.Writer(BotUser.of(app), caller.installation().id(), request.now());
  }
}
