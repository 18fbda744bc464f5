package io.github.ghapp.emulator.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.emulator.internal.state.Permissions;
import io.github.ghapp.emulator.internal.state.RepositorySelection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Installation tokens are kept as GitHub keeps them: only a hash of each, so that no token can leak
 * from memory.
 */
class TokenRegistryTest {

  private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

  private static IssuedToken details() {
    return new IssuedToken(
        42,
        1001,
        RepositorySelection.ALL,
        null,
        Permissions.NONE,
        NOW,
        NOW.plus(Duration.ofHours(1)));
  }

  @Test
  void issue_classicToken_keepsOnlyItsSha256_andFindsItByTheToken() {
    TokenRegistry registry = new TokenRegistry(null);

    MintedToken minted = registry.issue(details(), NOW);

    assertThat(registry.keys()).containsExactly(sha256(minted.token()));
    assertThat(registry.find(minted.token())).contains(minted.details());
    assertThat(minted.toString()).doesNotContain(minted.token());
  }

  @Test
  void issue_longToken_keepsOnlyItsSha256() {
    TokenRegistry registry = new TokenRegistry(new LongTokenSigner());

    MintedToken minted = registry.issue(details(), NOW);

    assertThat(minted.token()).startsWith("ghs_1001_");
    assertThat(registry.keys()).containsExactly(sha256(minted.token()));
  }

  @Test
  void revoke_forgetsTheHash() {
    TokenRegistry registry = new TokenRegistry(null);
    MintedToken minted = registry.issue(details(), NOW);

    assertThat(registry.revoke(minted.token())).isTrue();

    assertThat(registry.keys()).isEmpty();
    assertThat(registry.find(minted.token())).isEmpty();
  }

  /** Computed here, independently of the registry. */
  private static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
