package io.github.ghapp.emulator.internal.git;

import io.github.ghapp.emulator.internal.state.Repository;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Reads commits for the routes that take a commit ({@code head_sha}, {@code statuses/{sha}}) or a
 * ref ({@code commits/{ref}/...}) and answer what the checks and statuses need of it: GitHub's ref
 * there is a commit SHA, a branch or tag name, or {@code heads/NAME}, {@code tags/NAME}. The
 * reading itself is {@link GitData}'s; only the order differs: a SHA is tried first here, while
 * {@link GitData#commit} (contents, Git data) tries refs first and takes {@code refs/...} whole.
 */
public final class CommitLookup {

  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{4,40}");
  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-fA-F]{40}");

  private CommitLookup() {}

  /** What the checks and statuses need of a commit. */
  public record CommitSummary(
      String sha,
      String treeSha,
      String message,
      Person author,
      Person committer,
      List<String> parents) {}

  /** A commit's author or committer, as Git records them. */
  public record Person(String name, String email, Instant date) {
    static Person of(PersonIdent ident) {
      return new Person(ident.getName(), ident.getEmailAddress(), ident.getWhenAsInstant());
    }
  }

  /** The commit with exactly this full SHA, if the repository has one (a tree or blob is none). */
  public static Optional<CommitSummary> commit(Repository repository, String sha) {
    if (sha == null || !FULL_SHA.matcher(sha).matches()) {
      return Optional.empty();
    }
    return read(repository, (git, walk) -> ObjectId.fromString(sha));
  }

  /**
   * The commit a ref names: a SHA (full, or abbreviated and unambiguous), then a branch, a tag, or
   * a ref under {@code refs/}. Git's revision expressions ({@code main~1}) name nothing here.
   */
  public static Optional<CommitSummary> resolve(Repository repository, String ref) {
    if (ref == null || ref.isEmpty() || ref.matches(".*[~^:@{}\\\\\\s].*")) {
      return Optional.empty();
    }
    return read(
        repository,
        (git, walk) -> {
          if (HEX.matcher(ref).matches()) {
            ObjectId id = GitData.uniqueId(walk.getObjectReader(), ref);
            if (id != null) {
              return id;
            }
          }
          for (String name : List.of("refs/heads/" + ref, "refs/tags/" + ref, "refs/" + ref)) {
            Ref found = git.exactRef(name);
            if (found != null && found.getObjectId() != null) {
              return found.getObjectId();
            }
          }
          return null;
        });
  }

  /** The branches whose tip is this commit, {@code main} first. */
  public static List<String> branchesAt(Repository repository, String sha) {
    return GitData.with(
        repository,
        git -> {
          List<String> names = new ArrayList<>();
          for (Ref head : git.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
            if (head.getObjectId() != null && head.getObjectId().name().equals(sha)) {
              names.add(head.getName().substring(Constants.R_HEADS.length()));
            }
          }
          names.sort((a, b) -> a.equals("main") ? -1 : b.equals("main") ? 1 : a.compareTo(b));
          return names;
        });
  }

  /** Finds an object's id, or null for none. */
  private interface Find {
    ObjectId find(org.eclipse.jgit.lib.Repository git, RevWalk walk) throws IOException;
  }

  private static Optional<CommitSummary> read(Repository repository, Find find) {
    return GitData.with(
        repository,
        git -> {
          try (RevWalk walk = new RevWalk(git)) {
            ObjectId id = find.find(git, walk);
            return id == null
                ? Optional.<CommitSummary>empty()
                : GitData.peeledCommit(walk, id).map(CommitLookup::summary);
          }
        });
  }

  private static CommitSummary summary(RevCommit commit) {
    List<String> parents = new ArrayList<>();
    for (RevCommit parent : commit.getParents()) {
      parents.add(parent.name());
    }
    return new CommitSummary(
        commit.name(),
        commit.getTree().name(),
        commit.getFullMessage(),
        Person.of(commit.getAuthorIdent()),
        Person.of(commit.getCommitterIdent()),
        List.copyOf(parents));
  }
}
