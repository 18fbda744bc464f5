package io.github.ghapp.emulator.internal.git;

import io.github.ghapp.emulator.internal.auth.Caller;
import io.github.ghapp.emulator.internal.state.PermissionLevel;
import io.github.ghapp.emulator.internal.state.Repository;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;

/**
 * GitHub refuses a push by an app that creates, changes or deletes a file under {@code
 * .github/workflows/} unless its token has {@code workflows: write}; the rest of the push goes
 * through. Git shows the reason as {@code ! [remote rejected] main -> main (refusing to allow a
 * GitHub App to create or update workflow `...` without `workflows` permission)}.
 */
final class WorkflowGuard {

  private static final String WORKFLOWS = ".github/workflows/";

  private WorkflowGuard() {}

  static PreReceiveHook of(Repository repository, Caller.InstallationCaller pusher) {
    if (pusher.token().permissions().allows("workflows", PermissionLevel.WRITE)) {
      return PreReceiveHook.NULL;
    }
    return (pack, commands) -> {
      for (ReceiveCommand command : commands) {
        if (command.getResult() != ReceiveCommand.Result.NOT_ATTEMPTED
            || command.getNewId().equals(ObjectId.zeroId())) {
          continue;
        }
        String workflow = touchedWorkflow(repository, command);
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
