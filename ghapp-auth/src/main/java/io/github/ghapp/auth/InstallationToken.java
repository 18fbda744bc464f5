package io.github.ghapp.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An installation access token as GitHub answered it: the secret, when it expires, and the scope
 * GitHub actually granted (which may be narrower than what was asked for).
 *
 * <p>The token is opaque: ghapp never parses it or assumes its length. GitHub's classic tokens are
 * 40 characters ({@code ghs_...}); its newer stateless format is about 520.
 *
 * <p>{@link #toString()} never shows the secret, so a token can be logged or put in an exception
 * safely.
 *
 * <pre>{@code
 * InstallationToken t = app.createToken(42, TokenRequest.builder().repositories("hello-world").build());
 * git.setCredentialsProvider(new UsernamePasswordCredentialsProvider("x-access-token", t.token()));
 * }</pre>
 */
public final class InstallationToken {
  private final String token;
  private final Instant expiresAt;
  private final Map<String, String> permissions;
  private final String repositorySelection;
  private final List<Repository> repositories;

  /**
   * @param token the secret; never null or blank
   * @param expiresAt when GitHub stops accepting it (server time)
   * @param permissions permission name to level, as granted; empty when GitHub did not say
   * @param repositorySelection {@code all} or {@code selected}; null when GitHub did not say
   * @param repositories the repositories the token reaches when GitHub listed them; empty otherwise
   */
  public InstallationToken(
      String token,
      Instant expiresAt,
      Map<String, String> permissions,
      String repositorySelection,
      List<Repository> repositories) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("token must not be null or blank");
    }
    this.token = token;
    this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    this.permissions = permissions == null ? Map.of() : Map.copyOf(permissions);
    this.repositorySelection = repositorySelection;
    this.repositories = repositories == null ? List.of() : List.copyOf(repositories);
  }

  /**
   * The secret to send as {@code Authorization: Bearer ...} or as the Git password of {@code
   * x-access-token}.
   */
  public String token() {
    return token;
  }

  /** When GitHub stops accepting this token, in GitHub's time. */
  public Instant expiresAt() {
    return expiresAt;
  }

  /** How long this token stays valid from {@code now} (negative once expired). */
  public Duration remaining(Instant now) {
    return Duration.between(now, expiresAt);
  }

  /** Permission name to level ({@code read}, {@code write}, {@code admin}) that GitHub granted. */
  public Map<String, String> permissions() {
    return permissions;
  }

  /** {@code all} or {@code selected}, or null when GitHub did not say. */
  public String repositorySelection() {
    return repositorySelection;
  }

  /**
   * The repositories GitHub listed for this token; empty when it reaches all of the installation's.
   */
  public List<Repository> repositories() {
    return repositories;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof InstallationToken)) {
      return false;
    }
    InstallationToken other = (InstallationToken) o;
    return token.equals(other.token) && expiresAt.equals(other.expiresAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(token, expiresAt);
  }

  /** Shows the expiry and scope, never the secret. */
  @Override
  public String toString() {
    return "InstallationToken{token=<redacted>, expiresAt="
        + expiresAt
        + ", permissions="
        + permissions
        + ", repositorySelection="
        + repositorySelection
        + ", repositories="
        + repositories.size()
        + "}";
  }
}
