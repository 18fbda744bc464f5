package io.github.ghapp.emulator.internal.git;

import io.github.ghapp.emulator.internal.http.ApiException;
import io.github.ghapp.emulator.internal.state.Repository;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Files and directories of a commit, and the commits that change one file (the contents API): each
 * write is a real commit on the branch, built object by object (blob, tree, commit) with no working
 * tree, and the branch moved by {@link GitData#move}, so that a {@code git clone} sees it and the
 * push listeners hear of it.
 */
public final class GitFiles {

  /** A path in a commit: a file, a directory, a symlink or a submodule. */
  public record Entry(String path, FileMode mode, ObjectId id, long size) {
    public String name() {
      int slash = path.lastIndexOf('/');
      return slash < 0 ? path : path.substring(slash + 1);
    }

    /** GitHub's {@code type}: {@code file}, {@code dir}, {@code symlink} or {@code submodule}. */
    public String type() {
      if (mode == FileMode.TREE) {
        return "dir";
      }
      if (mode == FileMode.SYMLINK) {
        return "symlink";
      }
      return mode == FileMode.GITLINK ? "submodule" : "file";
    }
  }

  /** A commit made by the contents API, with the file as it is after it (null once deleted). */
  public record Change(RevCommit commit, Entry file) {}

  private final GitData git;

  public GitFiles(GitData git) {
    this.git = git;
  }

  /** The entry at {@code path} in {@code commit}; the empty path is the root directory. */
  public Optional<Entry> entry(Repository repository, RevCommit commit, String path) {
    return GitData.with(
        repository,
        repo -> {
          try (ObjectReader reader = repo.newObjectReader()) {
            return entry(reader, commit, path);
          }
        });
  }

  private static Optional<Entry> entry(ObjectReader reader, RevCommit commit, String path)
      throws IOException {
    if (path.isEmpty()) {
      return Optional.of(new Entry("", FileMode.TREE, commit.getTree().getId(), 0));
    }
    try (TreeWalk walk = TreeWalk.forPath(reader, path, commit.getTree())) {
      if (walk == null) {
        return Optional.empty();
      }
      return Optional.of(entryOf(reader, walk));
    }
  }

  private static Entry entryOf(ObjectReader reader, TreeWalk walk) throws IOException {
    FileMode mode = walk.getFileMode(0);
    ObjectId id = walk.getObjectId(0);
    long size =
        mode.getObjectType() == Constants.OBJ_BLOB
            ? reader.getObjectSize(id, Constants.OBJ_BLOB)
            : 0;
    return new Entry(walk.getPathString(), mode, id, size);
  }

  /** The entries directly inside a directory entry, in Git's order. */
  public List<Entry> children(Repository repository, Entry directory) {
    return GitData.with(
        repository,
        repo -> {
          List<Entry> children = new ArrayList<>();
          try (ObjectReader reader = repo.newObjectReader();
              TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(directory.id());
            while (walk.next()) {
              Entry child = entryOf(reader, walk);
              String path = directory.path().isEmpty() ? "" : directory.path() + "/";
              children.add(new Entry(path + child.path(), child.mode(), child.id(), child.size()));
            }
          }
          return children;
        });
  }

  public byte[] read(Repository repository, ObjectId blob) {
    return GitData.with(repository, repo -> repo.open(blob, Constants.OBJ_BLOB).getBytes());
  }

  /**
   * Commits {@code content} at {@code path} on {@code branch}. GitHub's rules: an existing file
   * needs the {@code sha} of its blob (none: 422, another: 409), a new path ignores any {@code
   * sha}, a missing branch is 404.
   */
  public Change write(
      Repository repository,
      String branch,
      String path,
      byte[] content,
      String sha,
      String message,
      PersonIdent author,
      PersonIdent committer,
      GitData.Writer writer) {
    return change(
        repository, branch, path, content, sha, message, author, committer, writer, false);
  }

  /** Deletes the file at {@code path} on {@code branch}; its {@code sha} is required. */
  public Change delete(
      Repository repository,
      String branch,
      String path,
      String sha,
      String message,
      PersonIdent author,
      PersonIdent committer,
      GitData.Writer writer) {
    return change(repository, branch, path, null, sha, message, author, committer, writer, true);
  }

  private Change change(
      Repository repository,
      String branch,
      String path,
      byte[] content,
      String sha,
      String message,
      PersonIdent author,
      PersonIdent committer,
      GitData.Writer writer,
      boolean delete) {
    String ref = "refs/heads/" + branch;
    Change made =
        GitData.with(
            repository,
            repo -> {
              Ref head = repo.exactRef(ref);
              if (head == null) {
                // Unconfirmed wording; GitHub checks the branch before the sha.
                throw ApiException.of(404, "Branch " + branch + " not found");
              }
              try (ObjectReader reader = repo.newObjectReader();
                  RevWalk walk = new RevWalk(reader);
                  ObjectInserter inserter = repo.newObjectInserter()) {
                RevCommit parent = walk.parseCommit(head.getObjectId());
                Optional<Entry> existing = entry(reader, parent, path);
                if (existing.isPresent() && existing.get().mode() == FileMode.TREE) {
                  // Unconfirmed: GitHub's answer for a directory's path.
                  throw ApiException.of(422, "path cannot be a directory: " + path);
                }
                if (delete && existing.isEmpty()) {
                  throw ApiException.notFound();
                }
                if (existing.isPresent() || delete) {
                  if (sha == null) {
                    throw ApiException.of(422, "Invalid request.\n\n\"sha\" wasn't supplied.");
                  }
                  if (!existing.get().id().name().equalsIgnoreCase(sha)) {
                    throw ApiException.of(409, path + " does not match " + sha);
                  }
                }
                DirCache index = DirCache.read(reader, parent.getTree());
                DirCacheEditor editor = index.editor();
                ObjectId blob = null;
                if (delete) {
                  editor.add(new DirCacheEditor.DeletePath(path));
                } else {
                  ObjectId inserted = inserter.insert(Constants.OBJ_BLOB, content);
                  FileMode mode =
                      existing.map(Entry::mode).orElse(FileMode.REGULAR_FILE)
                              == FileMode.EXECUTABLE_FILE
                          ? FileMode.EXECUTABLE_FILE
                          : FileMode.REGULAR_FILE;
                  blob = inserted;
                  editor.add(
                      new DirCacheEditor.PathEdit(path) {
                        @Override
                        public void apply(DirCacheEntry entry) {
                          entry.setFileMode(mode);
                          entry.setObjectId(inserted);
                        }
                      });
                }
                try {
                  editor.finish();
                } catch (IllegalArgumentException | IllegalStateException e) {
                  // A path through an existing file ("README.md/x") or one Git cannot hold.
                  throw ApiException.of(422, "path is not valid: " + path); // unconfirmed
                }
                CommitBuilder commit = new CommitBuilder();
                commit.setTreeId(index.writeTree(inserter));
                commit.setParentId(parent);
                commit.setAuthor(author);
                commit.setCommitter(committer);
                commit.setMessage(message);
                ObjectId id = inserter.insert(commit);
                inserter.flush();
                RevCommit created = walk.parseCommit(id);
                Entry file =
                    blob == null
                        ? null
                        : new Entry(path, FileMode.REGULAR_FILE, blob, content.length);
                return new Change(created, file);
              }
            });
    RevCommit parent = made.commit().getParent(0);
    git.move(repository, ref, parent.getId(), made.commit().getId(), writer);
    return made;
  }
}
