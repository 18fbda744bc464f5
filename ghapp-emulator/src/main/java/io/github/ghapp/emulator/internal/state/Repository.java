package io.github.ghapp.emulator.internal.state;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * A repository owned by an account, backed by a bare Git repository on disk at {@link
 * #gitDirectory()}. Private unless made public, as GitHub's facts say.
 */
public record Repository(
    long id, Account owner, String name, boolean isPrivate, Instant createdAt, Path gitDirectory) {

  public Repository {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(gitDirectory, "gitDirectory");
  }

  public String fullName() {
    return owner.login() + "/" + name;
  }
}
