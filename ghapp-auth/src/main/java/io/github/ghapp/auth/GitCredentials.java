package io.github.ghapp.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * Credentials for Git over HTTPS as an installation: user {@code x-access-token}, password an
 * installation token. Usable by any Git client without ghapp depending on it.
 *
 * <pre>{@code
 * GitCredentials c = app.gitCredentials(inst.id(), Duration.ofMinutes(30));  // a clone may take a while
 * Git.cloneRepository().setURI("https://github.com/octo-org/hello-world.git")
 *     .setCredentialsProvider(new UsernamePasswordCredentialsProvider(c.username(), c.password()))
 *     .call();
 * }</pre>
 *
 * <p>{@link #toString()} hides the password; {@link #toCredentialHelperOutput()} is the one place
 * it is written out, because a Git credential helper must print it.
 */
public final class GitCredentials {
  /** The user name GitHub expects with an installation token. */
  public static final String USERNAME = "x-access-token";

  private final String password;
  private final Instant expiresAt;

  private GitCredentials(String password, Instant expiresAt) {
    this.password = password;
    this.expiresAt = expiresAt;
  }

  /** Credentials carrying {@code token}. */
  public static GitCredentials of(InstallationToken token) {
    Objects.requireNonNull(token, "token");
    return new GitCredentials(token.token(), token.expiresAt());
  }

  /** Always {@code x-access-token}. */
  public String username() {
    return USERNAME;
  }

  /** The installation token. */
  public String password() {
    return password;
  }

  /** When the password stops working, in GitHub's time. */
  public Instant expiresAt() {
    return expiresAt;
  }

  /**
   * The answer of a Git credential helper ({@code git credential-<name> get}), including {@code
   * password_expiry_utc} so that Git 2.41+ does not reuse it past its expiry:
   *
   * <pre>
   * username=x-access-token
   * password=ghs_...
   * password_expiry_utc=1732496402
   * </pre>
   *
   * This contains the secret: write it only to Git.
   */
  public String toCredentialHelperOutput() {
    return "username="
        + USERNAME
        + "\npassword="
        + password
        + "\npassword_expiry_utc="
        + expiresAt.getEpochSecond()
        + "\n";
  }

  /** Shows the user and expiry, never the password. */
  @Override
  public String toString() {
    return "GitCredentials{username="
        + USERNAME
        + ", password=<redacted>, expiresAt="
        + expiresAt
        + "}";
  }
}
