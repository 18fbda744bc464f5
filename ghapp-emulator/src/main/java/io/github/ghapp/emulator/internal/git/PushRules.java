package io.github.ghapp.emulator.internal.git;

import io.github.ghapp.emulator.internal.auth.Caller;
import io.github.ghapp.emulator.internal.state.PermissionLevel;
import io.github.ghapp.emulator.internal.state.Repository;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;

/**
 * What GitHub refuses of a push, ref by ref (the push's other refs go through), with its reasons as
 * git shows them ({@code ! [remote rejected] main -> main (...)}):
 *
 * <ul>
 *   <li>deleting the default branch: {@code refusing to delete the current branch:
 *       refs/heads/main};
 *   <li>by an app whose token lacks {@code workflows: write}, creating, changing or deleting a file
 *       under {@code .github/workflows/}: {@code refusing to allow a GitHub App to create or update
 *       workflow `...` without `workflows` permission}.
 * </ul>
 */
final class PushRules {

  private static final String WORKFLOWS = ".github/workflows/";
  private static final String DEFAULT_BRANCH = "refs/heads/main";

  private PushRules() {}

  static PreReceiveHook of(Repository repository, Caller.InstallationCaller pusher) {
    boolean workflows = pusher.token().permissions().allows("workflows", PermissionLevel.WRITE);
    return (pack, commands) -> {
      for (ReceiveCommand command : commands) {
        if (command.getResult() != ReceiveCommand.Result.NOT_ATTEMPTED) {
          continue;
        }
        if (command.getNewId().equals(ObjectId.zeroId())) {
          if (command.getRefName().equals(DEFAULT_BRANCH)) {
            command.setResult(
                ReceiveCommand.Result.REJECTED_OTHER_REASON,
                "refusing to delete the current branch: " + DEFAULT_BRANCH);
          }
          continue;
        }
        String workflow = workflows ? null : touchedWorkflow(repository, command);
        if (workflow != null) {
          command.setResult(
              ReceiveCommand.Result.REJECTED_OTHER_REASON,
              "refusing to allow a GitHub App to create or update workflow `"
                  + workflow
                  + "` without `workflows` permission");
        }
      }
    };
  }

  /** The first workflow file a commit of the update changes, or null. */
  private static String touchedWorkflow(Repository repository, ReceiveCommand command) {
    for (RevCommit commit :
        GitHistory.introduced(
            repository,
            command.getRefName(),
            command.getOldId(),
            command.getNewId(),
            Integer.MAX_VALUE)) {
      for (GitHistory.Changed changed : GitHistory.changes(repository, commit)) {
        if (changed.path().startsWith(WORKFLOWS)) {
          return changed.path();
        }
      }
    }
    return null;
  }
}
