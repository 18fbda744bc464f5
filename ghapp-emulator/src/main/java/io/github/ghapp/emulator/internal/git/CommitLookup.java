package io.github.ghapp.emulator.internal.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Reads commits out of a repository's bare Git repository, for the routes that take a commit
 * ({@code head_sha}, {@code statuses/{sha}}) or a ref ({@code commits/{ref}/...}): GitHub's ref is
 * a commit SHA, a branch or tag name, or {@code heads/NAME}, {@code tags/NAME}.
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
    return read(repository, (git, walk) -> walk.parseAny(ObjectId.fromString(sha)));
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
            ObjectId id = byHex(walk.getObjectReader(), ref);
            if (id != null) {
              return walk.parseAny(id);
            }
          }
          for (String name : List.of("refs/heads/" + ref, "refs/tags/" + ref, "refs/" + ref)) {
            Ref found = git.exactRef(name);
            if (found != null && found.getObjectId() != null) {
              return walk.parseAny(found.getObjectId());
            }
          }
          return null;
        });
  }

  /** The branches whose tip is this commit, {@code main} first. */
  public static List<String> branchesAt(Repository repository, String sha) {
    try (org.eclipse.jgit.lib.Repository git = open(repository)) {
      List<String> names = new ArrayList<>();
      Collection<Ref> heads = git.getRefDatabase().getRefsByPrefix(Constants.R_HEADS);
      for (Ref head : heads) {
        if (head.getObjectId() != null && head.getObjectId().name().equals(sha)) {
          names.add(head.getName().substring(Constants.R_HEADS.length()));
        }
      }
      names.sort((a, b) -> a.equals("main") ? -1 : b.equals("main") ? 1 : a.compareTo(b));
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the branches of " + repository.fullName(), e);
    }
  }

  private static ObjectId byHex(ObjectReader reader, String hex) throws IOException {
    if (hex.length() == 40) {
      return ObjectId.fromString(hex);
    }
    Collection<ObjectId> candidates = reader.resolve(AbbreviatedObjectId.fromString(hex));
    return candidates.size() == 1 ? candidates.iterator().next() : null;
  }

  /** Finds an object, or null for none. */
  private interface Find {
    RevObject find(org.eclipse.jgit.lib.Repository git, RevWalk walk) throws IOException;
  }

  private static Optional<CommitSummary> read(Repository repository, Find find) {
    try (org.eclipse.jgit.lib.Repository git = open(repository);
        RevWalk walk = new RevWalk(git)) {
      RevObject found = find.find(git, walk);
      if (found == null) {
        return Optional.empty();
      }
      RevObject peeled = walk.peel(found);
      if (!(peeled instanceof RevCommit commit)) {
        return Optional.empty();
      }
      walk.parseBody(commit);
      List<String> parents = new ArrayList<>();
      for (RevCommit parent : commit.getParents()) {
        parents.add(parent.name());
      }
      return Optional.of(
          new CommitSummary(
              commit.name(),
              commit.getTree().name(),
              commit.getFullMessage(),
              Person.of(commit.getAuthorIdent()),
              Person.of(commit.getCommitterIdent()),
              List.copyOf(parents)));
    } catch (MissingObjectException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read commits of " + repository.fullName(), e);
    }
  }

  private static org.eclipse.jgit.lib.Repository open(Repository repository) throws IOException {
    return new FileRepositoryBuilder()
        .setGitDir(repository.gitDirectory().toFile())
        .setBare()
        .build();
  }
}
