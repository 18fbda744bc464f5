package io.github.ghapp.emulator.internal.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * What a pull request needs from its bare repository, with JGit and no working tree: branch tips,
 * the commits and files between base and head (the files from their merge base, GitHub's three-dot
 * comparison), whether they merge cleanly, and the merge itself, made in core: a merge commit, one
 * squashed commit, or the head's commits replayed on the base, then the base branch moved only if
 * it still points where it did.
 */
public final class PullRequestGit implements AutoCloseable {

  /** Why a merge was not made: GitHub's 405 or 409. */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean conflict;

    Refused(boolean conflict) {
      super(null, null, false, false);
      this.conflict = conflict;
    }

    /** True when the changes conflict; false when the base moved while merging. */
    public boolean conflict() {
      return conflict;
    }
  }

  /** One changed file, as {@code diff-entry} describes it. */
  public record FileChange(
      String filename,
      String previousFilename,
      String status,
      String blobSha,
      int additions,
      int deletions,
      String patch) {}

  private final Repository git;

  private PullRequestGit(Repository git) {
    this.git = git;
  }

  public static PullRequestGit open(Path gitDirectory) {
    try {
      return new PullRequestGit(
          new FileRepositoryBuilder().setGitDir(gitDirectory.toFile()).setMustExist(true).build());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + gitDirectory, e);
    }
  }

  /** The commit branch {@code name} points at, if the branch exists. */
  public Optional<String> branch(String name) {
    try {
      Ref ref = git.exactRef(Constants.R_HEADS + name);
      return ref == null || ref.getObjectId() == null
          ? Optional.empty()
          : Optional.of(ref.getObjectId().name());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The commits of {@code head} not in {@code base}, oldest first, as GitHub lists them. */
  public List<RevCommit> commits(String base, String head) {
    try (RevWalk walk = new RevWalk(git)) {
      walk.markStart(walk.parseCommit(ObjectId.fromString(head)));
      walk.markUninteresting(walk.parseCommit(ObjectId.fromString(base)));
      List<RevCommit> commits = new ArrayList<>();
      walk.forEach(commits::add);
      Collections.reverse(commits);
      return commits;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The files {@code head} changed since it left {@code base}. */
  public List<FileChange> files(String base, String head) {
    try (RevWalk walk = new RevWalk(git);
        ByteArrayOutputStream patch = new ByteArrayOutputStream();
        DiffFormatter patches = new DiffFormatter(patch);
        DiffFormatter scanner = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
      RevCommit headCommit = walk.parseCommit(ObjectId.fromString(head));
      RevCommit from = mergeBase(walk, ObjectId.fromString(base), headCommit);
      scanner.setRepository(git);
      scanner.setDiffComparator(RawTextComparator.DEFAULT);
      scanner.setDetectRenames(true);
      patches.setRepository(git);
      List<DiffEntry> entries =
          from == null
              ? scanner.scan(new EmptyTreeIterator(), tree(headCommit))
              : scanner.scan(from.getTree(), headCommit.getTree());
      List<FileChange> files = new ArrayList<>();
      for (DiffEntry entry : entries) {
        patch.reset();
        patches.format(entry);
        files.add(change(entry, patch.toString(StandardCharsets.UTF_8)));
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether {@code head} merges into {@code base} without conflicts. */
  public boolean mergeable(String base, String head) {
    try (RevWalk walk = new RevWalk(git)) {
      ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(git, true);
      return merger.merge(
          walk.parseCommit(ObjectId.fromString(base)), walk.parseCommit(ObjectId.fromString(head)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Merges {@code head} into branch {@code baseRef}, which must still be at {@code baseSha}.
   *
   * @param method {@code merge}, {@code squash} or {@code rebase}
   * @param message the whole commit message (merge, squash); a rebase keeps each commit's
   * @return the commit the base branch now points at
   */
  public String merge(
      String method,
      String baseRef,
      String baseSha,
      String head,
      String message,
      PersonIdent author,
      Instant at)
      throws Refused {
    PersonIdent committer = new PersonIdent("GitHub", "noreply@github.com", at, ZoneOffset.UTC);
    try (RevWalk walk = new RevWalk(git);
        ObjectInserter inserter = git.newObjectInserter()) {
      RevCommit base = walk.parseCommit(ObjectId.fromString(baseSha));
      RevCommit tip = walk.parseCommit(ObjectId.fromString(head));
      ObjectId result;
      if (method.equals("rebase")) {
        result = base;
        for (RevCommit commit : commits(baseSha, head)) {
          ResolveMerger merger =
              (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(inserter, git.getConfig());
          if (commit.getParentCount() > 0) {
            merger.setBase(commit.getParent(0));
          }
          if (!merger.merge(walk.parseCommit(result), commit)) {
            throw new Refused(true);
          }
          result =
              commit(
                  inserter,
                  merger.getResultTreeId(),
                  commit.getFullMessage(),
                  commit.getAuthorIdent(),
                  committer,
                  result);
        }
      } else {
        ResolveMerger merger =
            (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(inserter, git.getConfig());
        if (!merger.merge(base, tip)) {
          throw new Refused(true);
        }
        ObjectId[] parents =
            method.equals("squash") ? new ObjectId[] {base} : new ObjectId[] {base, tip};
        result = commit(inserter, merger.getResultTreeId(), message, author, committer, parents);
      }
      inserter.flush();
      RefUpdate update = git.updateRef(Constants.R_HEADS + baseRef);
      update.setExpectedOldObjectId(base);
      update.setNewObjectId(result);
      update.setRefLogIdent(author);
      update.setRefLogMessage("merge pull request (" + method + ")", false);
      switch (update.update()) {
        case FAST_FORWARD:
        case FORCED:
        case NEW:
        case NO_CHANGE:
          return result.name();
        default:
          throw new Refused(false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    git.close();
  }

  private static ObjectId commit(
      ObjectInserter inserter,
      ObjectId tree,
      String message,
      PersonIdent author,
      PersonIdent committer,
      ObjectId... parents)
      throws IOException {
    CommitBuilder commit = new CommitBuilder();
    commit.setTreeId(tree);
    commit.setParentIds(parents);
    commit.setAuthor(author);
    commit.setCommitter(committer);
    commit.setMessage(message);
    return inserter.insert(commit);
  }

  private static RevCommit mergeBase(RevWalk walk, ObjectId base, RevCommit head)
      throws IOException {
    walk.reset();
    walk.setRevFilter(RevFilter.MERGE_BASE);
    walk.markStart(walk.parseCommit(base));
    walk.markStart(head);
    RevCommit found = walk.next();
    walk.reset();
    walk.setRevFilter(RevFilter.ALL);
    return found;
  }

  private CanonicalTreeParser tree(RevCommit commit) throws IOException {
    CanonicalTreeParser parser = new CanonicalTreeParser();
    try (var reader = git.newObjectReader()) {
      parser.reset(reader, commit.getTree());
    }
    return parser;
  }

  /** GitHub's {@code patch} is the hunks only, without the {@code diff --git} header lines. */
  private static FileChange change(DiffEntry entry, String formatted) {
    int hunks = formatted.indexOf("\n@@");
    String patch = hunks < 0 ? null : formatted.substring(hunks + 1).stripTrailing();
    int additions = 0;
    int deletions = 0;
    if (patch != null) {
      for (String line : patch.split("\n")) {
        if (line.startsWith("+")) {
          additions++;
        } else if (line.startsWith("-")) {
          deletions++;
        }
      }
    }
    String status;
    switch (entry.getChangeType()) {
      case ADD:
        status = "added";
        break;
      case DELETE:
        status = "removed";
        break;
      case RENAME:
        status = "renamed";
        break;
      case COPY:
        status = "copied";
        break;
      default:
        status = "modified";
    }
    boolean deleted = entry.getChangeType() == DiffEntry.ChangeType.DELETE;
    return new FileChange(
        deleted ? entry.getOldPath() : entry.getNewPath(),
        entry.getChangeType() == DiffEntry.ChangeType.RENAME ? entry.getOldPath() : null,
        status,
        (deleted ? entry.getOldId() : entry.getNewId()).name(),
        additions,
        deletions,
        patch);
  }
}
