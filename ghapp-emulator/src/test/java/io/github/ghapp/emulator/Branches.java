package io.github.ghapp.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Commits written straight into an emulated repository's bare Git repository with JGit, for tests
 * that need branches to open pull requests between.
 */
final class Branches {

  private Branches() {}

  /**
   * Commits {@code path} with {@code content} on {@code branch}, which starts from {@code from}
   * when it does not exist yet.
   *
   * @return the new commit
   */
  static String commit(
      GitHubEmulator emu,
      String owner,
      String repo,
      String branch,
      String from,
      String path,
      String content,
      String message) {
    try (Repository git =
            new FileRepositoryBuilder().setGitDir(emu.gitDirectory(owner, repo).toFile()).build();
        ObjectInserter inserter = git.newObjectInserter();
        RevWalk walk = new RevWalk(git)) {
      Ref existing = git.exactRef(Constants.R_HEADS + branch);
      Ref start = existing != null ? existing : git.exactRef(Constants.R_HEADS + from);
      RevCommit parent = walk.parseCommit(start.getObjectId());
      DirCache index = DirCache.newInCore();
      DirCacheBuilder builder = index.builder();
      try (TreeWalk tree = new TreeWalk(git)) {
        tree.addTree(parent.getTree());
        tree.setRecursive(true);
        while (tree.next()) {
          if (!tree.getPathString().equals(path)) {
            DirCacheEntry entry = new DirCacheEntry(tree.getPathString());
            entry.setFileMode(tree.getFileMode(0));
            entry.setObjectId(tree.getObjectId(0));
            builder.add(entry);
          }
        }
      }
      DirCacheEntry entry = new DirCacheEntry(path);
      entry.setFileMode(FileMode.REGULAR_FILE);
      entry.setObjectId(
          inserter.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8)));
      builder.add(entry);
      builder.finish();
      PersonIdent ident =
          new PersonIdent("Test Author", "author@example.com", Instant.now(), ZoneOffset.UTC);
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(index.writeTree(inserter));
      commit.setParentId(parent);
      commit.setAuthor(ident);
      commit.setCommitter(ident);
      commit.setMessage(message + "\n");
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      RefUpdate update = git.updateRef(Constants.R_HEADS + branch);
      update.setNewObjectId(id);
      update.setExpectedOldObjectId(existing == null ? ObjectId.zeroId() : existing.getObjectId());
      RefUpdate.Result result = update.update();
      if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FAST_FORWARD) {
        throw new IllegalStateException("could not move " + branch + ": " + result);
      }
      return id.name();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String tip(GitHubEmulator emu, String owner, String repo, String branch) {
    try (Repository git =
        new FileRepositoryBuilder().setGitDir(emu.gitDirectory(owner, repo).toFile()).build()) {
      return git.exactRef(Constants.R_HEADS + branch).getObjectId().name();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The parents of a commit, and its full message, as {@code [message, parent...]}. */
  static List<String> describe(GitHubEmulator emu, String owner, String repo, String sha) {
    try (Repository git =
            new FileRepositoryBuilder().setGitDir(emu.gitDirectory(owner, repo).toFile()).build();
        RevWalk walk = new RevWalk(git)) {
      RevCommit commit = walk.parseCommit(ObjectId.fromString(sha));
      List<String> described = new ArrayList<>();
      described.add(commit.getFullMessage());
      for (RevCommit parent : commit.getParents()) {
        described.add(parent.name());
      }
      return described;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
