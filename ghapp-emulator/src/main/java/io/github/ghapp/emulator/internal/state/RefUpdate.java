package io.github.ghapp.emulator.internal.state;

import java.time.Instant;
import java.util.Objects;
import org.eclipse.jgit.lib.ObjectId;

/**
 * One ref of one repository moved: created, updated or deleted, by a {@code git push} over HTTP or
 * by a REST write (contents, refs). {@link EmulatorState#onRefUpdate} listeners hear of each after
 * the ref has moved, one update per ref, which is what GitHub's {@code push} webhook, {@code
 * check_suite} requested and {@code pull_request} synchronize follow.
 *
 * @param ref the full ref name, {@code refs/heads/main} or {@code refs/tags/v1}
 * @param before the commit the ref pointed at, {@link ObjectId#zeroId()} when it was created
 * @param after the commit it points at now, {@link ObjectId#zeroId()} when it was deleted
 * @param forced the new commit does not descend from the old one (a force push)
 * @param pusher the app's bot user whose installation token made the change: GitHub's {@code
 *     pusher} and {@code sender}
 * @param installationId the installation whose token made the change
 * @param via how the ref was moved
 * @param at the emulator's time of the change
 */
public record RefUpdate(
    Repository repository,
    String ref,
    ObjectId before,
    ObjectId after,
    boolean forced,
    BotUser pusher,
    long installationId,
    Via via,
    Instant at) {

  /** How a ref was moved. */
  public enum Via {
    /** {@code git push} through Git over HTTP. */
    GIT,
    /** A REST write: the contents API or the git refs API. */
    REST
  }

  public RefUpdate {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(ref, "ref");
    before = before == null ? ObjectId.zeroId() : before.copy();
    after = after == null ? ObjectId.zeroId() : after.copy();
    Objects.requireNonNull(pusher, "pusher");
    Objects.requireNonNull(via, "via");
    Objects.requireNonNull(at, "at");
    if (!ref.startsWith("refs/")) {
      throw new IllegalArgumentException("a ref update names the full ref, not " + ref);
    }
  }

  public boolean created() {
    return before.equals(ObjectId.zeroId());
  }

  public boolean deleted() {
    return after.equals(ObjectId.zeroId());
  }

  /** The 40 hex digits of {@link #before()}; forty zeros when the ref was created. */
  public String beforeSha() {
    return before.name();
  }

  /** The 40 hex digits of {@link #after()}; forty zeros when the ref was deleted. */
  public String afterSha() {
    return after.name();
  }

  /** {@code main} for {@code refs/heads/main}: the branch name, or null for any other ref. */
  public String branch() {
    return ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : null;
  }
}
