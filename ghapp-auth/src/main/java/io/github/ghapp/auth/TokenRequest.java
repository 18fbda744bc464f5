package io.github.ghapp.auth;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What an installation token should be narrowed to. GitHub never grants more than the installation
 * has; an empty request asks for everything the installation has.
 *
 * <p>Requests are values: two requests naming the same repositories and permissions in any order
 * are equal, so they share one cached token.
 *
 * <pre>{@code
 * TokenRequest request = TokenRequest.builder()
 *     .repositories("hello-world")
 *     .permission("issues", "write")
 *     .permission("contents", "read")
 *     .build();
 * }</pre>
 */
public final class TokenRequest {
  private static final TokenRequest ALL = new Builder().build();

  /** GitHub refuses to narrow a token to more repositories than this. */
  public static final int MAX_REPOSITORIES = 500;

  private final SortedSet<String> repositories;
  private final SortedSet<Long> repositoryIds;
  private final SortedMap<String, String> permissions;

  private TokenRequest(Builder b) {
    this.repositories = Collections.unmodifiableSortedSet(new TreeSet<>(b.repositories));
    this.repositoryIds = Collections.unmodifiableSortedSet(new TreeSet<>(b.repositoryIds));
    this.permissions = Collections.unmodifiableSortedMap(new TreeMap<>(b.permissions));
  }

  /** A request for everything the installation has: all its repositories, all its permissions. */
  public static TokenRequest all() {
    return ALL;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Repository names (without owner), sorted; empty for all of the installation's repositories. */
  public SortedSet<String> repositories() {
    return repositories;
  }

  /** Repository ids, sorted; empty when not narrowed by id. */
  public SortedSet<Long> repositoryIds() {
    return repositoryIds;
  }

  /** Permission name to level, sorted by name; empty for all of the installation's permissions. */
  public SortedMap<String, String> permissions() {
    return permissions;
  }

  /** True when this request narrows nothing. */
  public boolean isAll() {
    return repositories.isEmpty() && repositoryIds.isEmpty() && permissions.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof TokenRequest)) {
      return false;
    }
    TokenRequest other = (TokenRequest) o;
    return repositories.equals(other.repositories)
        && repositoryIds.equals(other.repositoryIds)
        && permissions.equals(other.permissions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(repositories, repositoryIds, permissions);
  }

  @Override
  public String toString() {
    return "TokenRequest{repositories="
        + repositories
        + ", repositoryIds="
        + repositoryIds
        + ", permissions="
        + permissions
        + "}";
  }

  /** Builds a {@link TokenRequest}, checking each value as it is given. */
  public static final class Builder {
    private static final Set<String> LEVELS = Set.of("read", "write", "admin");

    private final Set<String> repositories = new TreeSet<>();
    private final Set<Long> repositoryIds = new TreeSet<>();
    private final Map<String, String> permissions = new TreeMap<>();

    private Builder() {}

    /** Narrows the token to these repositories, by name without the owner ({@code hello-world}). */
    public Builder repositories(String... names) {
      return repositories(Arrays.asList(names));
    }

    /** Narrows the token to these repositories, by name without the owner ({@code hello-world}). */
    public Builder repositories(Collection<String> names) {
      for (String name : names) {
        if (name == null || name.isBlank()) {
          throw new IllegalArgumentException("repository name must not be null or blank");
        }
        if (name.contains("/")) {
          throw new IllegalArgumentException(
              "repository name '"
                  + name
                  + "' has an owner; give the name alone (the installation decides the owner), e.g. '"
                  + name.substring(name.lastIndexOf('/') + 1)
                  + "'");
        }
        repositories.add(name);
      }
      return this;
    }

    /** Narrows the token to these repositories, by GitHub's numeric id. */
    public Builder repositoryIds(long... ids) {
      for (long id : ids) {
        if (id <= 0) {
          throw new IllegalArgumentException("repository id must be positive, got " + id);
        }
        repositoryIds.add(id);
      }
      return this;
    }

    /**
     * Narrows the token's permissions: {@code permission("issues", "write")}. Naming a permission
     * the installation lacks, or a level above its grant, makes GitHub refuse the mint.
     */
    public Builder permission(String name, String level) {
      if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
        throw new IllegalArgumentException(
            "permission name '"
                + name
                + "' is not a GitHub permission name (lower case with underscores, e.g. 'pull_requests')");
      }
      if (level == null || !LEVELS.contains(level)) {
        throw new IllegalArgumentException(
            "permission level '"
                + level
                + "' for '"
                + name
                + "' must be one of read, write, admin");
      }
      String previous = permissions.putIfAbsent(name, level);
      if (previous != null && !previous.equals(level)) {
        throw new IllegalArgumentException(
            "permission '"
                + name
                + "' was already set to '"
                + previous
                + "'; set each permission once");
      }
      return this;
    }

    /** Adds each entry of {@code permissions} as {@link #permission(String, String)} would. */
    public Builder permissions(Map<String, String> permissions) {
      permissions.forEach(this::permission);
      return this;
    }

    public TokenRequest build() {
      if (repositories.size() + repositoryIds.size() > MAX_REPOSITORIES) {
        throw new IllegalArgumentException(
            "a token can be narrowed to at most "
                + MAX_REPOSITORIES
                + " repositories, got "
                + (repositories.size() + repositoryIds.size())
                + "; ask for all repositories instead, or split the work over several tokens");
      }
      return new TokenRequest(this);
    }
  }
}
