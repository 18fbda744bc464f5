package io.github.ghapp.auth;

import java.util.Objects;

/**
 * A repository as GitHub names it in installation and token answers.
 *
 * @param id GitHub's numeric id
 * @param owner the owner's login
 * @param name the repository's name, without the owner
 * @param isPrivate whether only the owner's members (and installations) can see it
 */
public record Repository(long id, String owner, String name, boolean isPrivate) {
  public Repository {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(name, "name");
  }

  /** {@code owner/name}. */
  public String fullName() {
    return owner + "/" + name;
  }
}
