package io.github.ghapp.emulator.internal.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Creates the bare Git repository behind each emulated repository: {@code
 * <root>/<owner>/<name>.git}, with one commit holding a README.md on {@code main}, like a
 * repository created on GitHub with "Add a README". The commit is written object by object, so no
 * working tree is ever needed.
 */
public final class GitRepositories {

  private final Path root;

  public GitRepositories(Path root) {
    this.root = root;
  }

  /** Where the bare repository of {@code owner/name} lives; directory names are lower case. */
  Path directoryOf(String owner, String name) {
    return root.resolve(owner.toLowerCase(java.util.Locale.ROOT))
        .resolve(name.toLowerCase(java.util.Locale.ROOT) + ".git");
  }

  /**
   * Creates the repository unless one already exists there (a reused data directory keeps its
   * history).
   */
  public Path create(String owner, String name, Instant at) {
    Path dir = directoryOf(owner, name);
    if (Files.isRegularFile(dir.resolve("HEAD"))) {
      return dir;
    }
    try {
      Files.createDirectories(dir);
      try (org.eclipse.jgit.lib.Repository git =
          new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build()) {
        git.create(true);
        ObjectId commit = initialCommit(git, owner, name, at);
        RefUpdate main = git.updateRef("refs/heads/main");
        main.setNewObjectId(commit);
        main.setExpectedOldObjectId(ObjectId.zeroId());
        check(main.update(), "refs/heads/main");
        check(git.updateRef(Constants.HEAD).link("refs/heads/main"), "HEAD");
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the Git repository for " + owner + "/" + name + " in " + dir, e);
    }
  }

  private static ObjectId initialCommit(
      org.eclipse.jgit.lib.Repository git, String owner, String name, Instant at)
      throws IOException {
    try (ObjectInserter inserter = git.newObjectInserter()) {
      String readme =
          "# " + name + "\n\nA repository of " + owner + ", served by ghapp-emulator.\n";
      ObjectId blob = inserter.insert(Constants.OBJ_BLOB, readme.getBytes(StandardCharsets.UTF_8));
      TreeFormatter tree = new TreeFormatter();
      tree.append("README.md", FileMode.REGULAR_FILE, blob);
      ObjectId treeId = inserter.insert(tree);
      PersonIdent ident = new PersonIdent("GitHub", "noreply@github.com", at, ZoneOffset.UTC);
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(treeId);
      commit.setAuthor(ident);
      commit.setCommitter(ident);
      commit.setMessage("Initial commit\n");
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      return id;
    }
  }

  private static void check(RefUpdate.Result result, String ref) throws IOException {
    switch (result) {
      case NEW:
      case FORCED:
      case FAST_FORWARD:
      case NO_CHANGE:
        return;
      default:
        throw new IOException("could not set " + ref + ": " + result);
    }
  }
}
