package io.github.ghapp.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Identifies one cached installation token: the GitHub it came from, the app, the installation and
 * the narrowed scope. A {@link TokenStore} keys its entries by this; nothing in it is secret.
 *
 * @param baseUrl the REST base URL, e.g. {@code https://api.github.com}
 * @param app the app's client ID or numeric app ID, as the app was configured
 * @param installationId the installation's numeric id
 * @param request the scope the token was narrowed to
 */
public record TokenKey(String baseUrl, String app, long installationId, TokenRequest request) {
  public TokenKey {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(request, "request");
  }

  // equals and hashCode are written out: a record's own are bootstrapped through invokedynamic on
  // first use, which cost a new JVM (the CLI answered from its cache) ~8 ms for one look-up.
  @Override
  public boolean equals(Object o) {
    return o instanceof TokenKey k
        && installationId == k.installationId
        && baseUrl.equals(k.baseUrl)
        && app.equals(k.app)
        && request.equals(k.request);
  }

  @Override
  public int hashCode() {
    return Objects.hash(baseUrl, app, installationId, request);
  }

  /**
   * A stable, compact identifier for this key (hex SHA-256 of its canonical form), the same in
   * every process and JVM run, suitable as a key in a shared store.
   */
  public String id() {
    String canonical =
        baseUrl
            + "\n"
            + app
            + "\n"
            + installationId
            + "\n"
            + request.repositories()
            + "\n"
            + request.repositoryIds()
            + "\n"
            + request.permissions();
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }
}
