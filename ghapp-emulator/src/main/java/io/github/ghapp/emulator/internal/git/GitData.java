package io.github.ghapp.emulator.internal.git;

import io.github.ghapp.emulator.internal.http.ApiException;
import io.github.ghapp.emulator.internal.state.BotUser;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import io.github.ghapp.emulator.internal.state.RefUpdate;
import io.github.ghapp.emulator.internal.state.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate.Result;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The Git data the REST API reads and writes, on the real bare repositories: resolving a ref or a
 * SHA to a commit, listing and moving refs. Every ref it moves is published as a {@link RefUpdate}
 * (via {@link RefUpdate.Via#REST}), after it moved. Files and trees are {@link GitFiles}.
 *
 * <p>Refs move by compare-and-set on the old id, so two writers racing on one branch cannot both
 * win: the loser is GitHub's 409 (its wording for this race is unconfirmed).
 */
public final class GitData {

  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{4,40}");

  private final EmulatorState state;

  public GitData(EmulatorState state) {
    this.state = state;
  }

  /** Who moves a ref, for its {@link RefUpdate}. */
  public record Writer(BotUser bot, long installationId, Instant at) {
    /** The bot as Git names it: {@code <id>+<slug>[bot]@users.noreply.github.com}. */
    public PersonIdent ident() {
      return new PersonIdent(
          bot.login(),
          bot.id() + "+" + bot.login() + "@users.noreply.github.com",
          at,
          java.time.ZoneOffset.UTC);
    }
  }

  /** Something done with an open repository. */
  @FunctionalInterface
  public interface Work<T> {
    T run(org.eclipse.jgit.lib.Repository git) throws IOException;
  }

  /** Opens the repository for one piece of work and closes it again. */
  public static <T> T with(Repository repository, Work<T> work) {
    try (org.eclipse.jgit.lib.Repository git =
        new FileRepositoryBuilder()
            .setGitDir(repository.gitDirectory().toFile())
            .setMustExist(true)
            .build()) {
      return work.run(git);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the Git repository of " + repository.fullName(), e);
    }
  }

  /**
   * The commit a {@code ref} parameter names, as GitHub reads one: a branch, a tag, a full ref
   * ({@code refs/heads/main}) or a commit SHA, full or abbreviated (an ambiguous abbreviation names
   * nothing). No revision expressions ({@code main~1}): GitHub documents none.
   */
  public Optional<RevCommit> commit(Repository repository, String ref) {
    return with(repository, git -> commit(git, ref));
  }

  static Optional<RevCommit> commit(org.eclipse.jgit.lib.Repository git, String ref)
      throws IOException {
    ObjectId id = null;
    for (String name :
        ref.startsWith("refs/") ? List.of(ref) : List.of("refs/heads/" + ref, "refs/tags/" + ref)) {
      Ref found = git.exactRef(name);
      if (found != null) {
        id = found.getObjectId();
        break;
      }
    }
    try (ObjectReader reader = git.newObjectReader();
        RevWalk walk = new RevWalk(reader)) {
      if (id == null && HEX.matcher(ref).matches()) {
        id = uniqueId(reader, ref);
      }
      return id == null ? Optional.empty() : peeledCommit(walk, id);
    }
  }

  /** The one object a full or abbreviated SHA names; null when it names none or several. */
  static ObjectId uniqueId(ObjectReader reader, String hex) throws IOException {
    Collection<ObjectId> candidates = reader.resolve(AbbreviatedObjectId.fromString(hex));
    return candidates.size() == 1 ? candidates.iterator().next() : null;
  }

  /**
   * The commit {@code id} is, or an annotated tag points at, with its body parsed; empty for a
   * tree, a blob, or an object the repository does not have.
   */
  static Optional<RevCommit> peeledCommit(RevWalk walk, ObjectId id) throws IOException {
    try {
      RevObject object = walk.peel(walk.parseAny(id));
      if (!(object instanceof RevCommit commit)) {
        return Optional.empty();
      }
      walk.parseBody(commit);
      return Optional.of(commit);
    } catch (org.eclipse.jgit.errors.MissingObjectException e) {
      return Optional.empty();
    }
  }

  /** The refs whose full names start with {@code prefix}, in name order. */
  public List<Ref> refs(Repository repository, String prefix) {
    return with(
        repository,
        git -> {
          List<Ref> refs = new ArrayList<>(git.getRefDatabase().getRefsByPrefix(prefix));
          refs.removeIf(r -> r.isSymbolic() || r.getObjectId() == null);
          refs.sort(java.util.Comparator.comparing(Ref::getName));
          return refs;
        });
  }

  public Optional<Ref> ref(Repository repository, String fullName) {
    return with(
        repository,
        git -> {
          Ref ref = git.exactRef(fullName);
          return ref == null || ref.isSymbolic() && ref.getObjectId() == null
              ? Optional.<Ref>empty()
              : Optional.of(ref);
        });
  }

  /**
   * The Git type of an object ({@code commit}, {@code tree}, {@code blob}, {@code tag}), if any.
   */
  public Optional<String> typeOf(Repository repository, ObjectId id) {
    return with(
        repository,
        git -> {
          try (ObjectReader reader = git.newObjectReader()) {
            if (!reader.has(id)) {
              return Optional.<String>empty();
            }
            return Optional.of(
                org.eclipse.jgit.lib.Constants.typeString(reader.open(id).getType()));
          }
        });
  }

  /**
   * Moves {@code ref} from {@code expected} (zero: it must not exist) to {@code target} (zero:
   * delete it), publishing the update. {@code forced} is worked out here: whether {@code target}
   * does not descend from {@code expected}.
   *
   * @throws ApiException 409 when the ref is no longer at {@code expected}
   */
  public RefUpdate move(
      Repository repository, String ref, ObjectId expected, ObjectId target, Writer writer) {
    RefUpdate update =
        with(
            repository,
            git -> {
              boolean forced = false;
              try (RevWalk walk = new RevWalk(git)) {
                if (!expected.equals(ObjectId.zeroId()) && !target.equals(ObjectId.zeroId())) {
                  RevObject from = walk.peel(walk.parseAny(expected));
                  RevObject to = walk.peel(walk.parseAny(target));
                  forced =
                      !(from instanceof RevCommit old
                          && to instanceof RevCommit now
                          && walk.isMergedInto(old, now));
                }
                org.eclipse.jgit.lib.RefUpdate change = git.updateRef(ref);
                change.setExpectedOldObjectId(expected);
                change.setForceUpdate(true);
                change.setRefLogIdent(writer.ident());
                change.setRefLogMessage("updated through the REST API", false);
                Result result;
                if (target.equals(ObjectId.zeroId())) {
                  result = change.delete(walk);
                } else {
                  change.setNewObjectId(target);
                  result = change.update(walk);
                }
                switch (result) {
                  case NEW, FAST_FORWARD, FORCED, NO_CHANGE:
                    break;
                  case REJECTED_CURRENT_BRANCH:
                    throw ApiException.of(422, "Cannot delete the default branch");
                  default:
                    // Unconfirmed wording for the race; GitHub answers its like with 409.
                    throw ApiException.of(
                        409, ref + " expected to be at " + expected.name() + " (" + result + ")");
                }
              }
              return new RefUpdate(
                  repository,
                  ref,
                  expected,
                  target,
                  forced,
                  writer.bot(),
                  writer.installationId(),
                  RefUpdate.Via.REST,
                  writer.at());
            });
    state.refUpdated(update);
    return update;
  }

  /** Whether {@code ancestor} is {@code descendant} or one of its ancestors. */
  public boolean isAncestor(Repository repository, ObjectId ancestor, ObjectId descendant) {
    return with(
        repository,
        git -> {
          try (RevWalk walk = new RevWalk(git)) {
            RevObject from = walk.peel(walk.parseAny(ancestor));
            RevObject to = walk.peel(walk.parseAny(descendant));
            return from instanceof RevCommit old
                && to instanceof RevCommit now
                && walk.isMergedInto(old, now);
          }
        });
  }
}
