package io.github.ghapp.emulator.internal.git;

import io.github.ghapp.emulator.internal.state.Repository;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * What commits changed, for {@code GET /commits/{ref}} ({@code files}, {@code stats}) and the
 * {@code push} webhook ({@code commits} with {@code added}, {@code removed}, {@code modified}).
 * Against the first parent, without rename detection (GitHub detects renames; unmodelled here).
 */
public final class GitHistory {

  /** One file a commit changed: GitHub's {@code diff-entry}. */
  public record Changed(
      String path, String status, ObjectId blob, int additions, int deletions, String patch) {}

  private GitHistory() {}

  /** The files {@code commit} changed against its first parent (all of them for a root commit). */
  public static List<Changed> changes(Repository repository, RevCommit commit) {
    return GitData.with(
        repository,
        git -> {
          List<Changed> changed = new ArrayList<>();
          try (RevWalk walk = new RevWalk(git)) {
            RevCommit parsed = walk.parseCommit(commit);
            RevCommit parent =
                parsed.getParentCount() == 0 ? null : walk.parseCommit(parsed.getParent(0));
            ByteArrayOutputStream patch = new ByteArrayOutputStream();
            try (DiffFormatter diff = new DiffFormatter(patch)) {
              diff.setRepository(git);
              diff.setDetectRenames(false);
              for (DiffEntry entry :
                  diff.scan(parent == null ? null : parent.getTree(), parsed.getTree())) {
                int additions = 0;
                int deletions = 0;
                for (Edit edit : diff.toFileHeader(entry).toEditList()) {
                  additions += edit.getLengthB();
                  deletions += edit.getLengthA();
                }
                patch.reset();
                diff.format(entry);
                changed.add(
                    new Changed(
                        entry.getChangeType() == DiffEntry.ChangeType.DELETE
                            ? entry.getOldPath()
                            : entry.getNewPath(),
                        status(entry.getChangeType()),
                        entry.getChangeType() == DiffEntry.ChangeType.DELETE
                            ? entry.getOldId().toObjectId()
                            : entry.getNewId().toObjectId(),
                        additions,
                        deletions,
                        hunks(patch.toString(StandardCharsets.UTF_8))));
              }
            }
          }
          return changed;
        });
  }

  /**
   * The commits a ref update brought, oldest first, at most {@code limit} (the newest ones): those
   * reachable from {@code after} and not from {@code before}; for a new ref, not from any other ref
   * either, as GitHub lists only the commits the push introduced. None for a deletion.
   */
  public static List<RevCommit> introduced(
      Repository repository, String ref, ObjectId before, ObjectId after, int limit) {
    if (after.equals(ObjectId.zeroId())) {
      return List.of();
    }
    return GitData.with(
        repository,
        git -> {
          List<RevCommit> commits = new ArrayList<>();
          try (RevWalk walk = new RevWalk(git)) {
            walk.sort(RevSort.TOPO);
            walk.markStart(walk.parseCommit(after));
            if (!before.equals(ObjectId.zeroId())) {
              markUninteresting(walk, before);
            } else {
              for (Ref other : git.getRefDatabase().getRefsByPrefix("refs/heads/")) {
                if (!other.getName().equals(ref) && other.getObjectId() != null) {
                  markUninteresting(walk, other.getObjectId());
                }
              }
            }
            for (RevCommit commit : walk) {
              commits.add(commit);
              if (commits.size() == limit) {
                break;
              }
            }
          }
          Collections.reverse(commits);
          return commits;
        });
  }

  private static void markUninteresting(RevWalk walk, ObjectId id) throws IOException {
    try {
      walk.markUninteresting(walk.parseCommit(id));
    } catch (org.eclipse.jgit.errors.MissingObjectException
        | org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
      // a before that is gone or not a commit excludes nothing
    }
  }

  private static String status(DiffEntry.ChangeType type) {
    switch (type) {
      case ADD:
        return "added";
      case DELETE:
        return "removed";
      case RENAME:
        return "renamed";
      case COPY:
        return "copied";
      default:
        return "modified";
    }
  }

  /** GitHub's {@code patch} is the hunks only, without the {@code diff --git} header lines. */
  private static String hunks(String patch) {
    int start = patch.indexOf("@@");
    return start < 0 ? null : patch.substring(start);
  }
}
