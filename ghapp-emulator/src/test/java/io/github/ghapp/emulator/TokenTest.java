package io.github.ghapp.emulator;

import static io.github.ghapp.emulator.JwtAuthenticationTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.emulator.internal.auth.TokenFormats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GITHUB-FACTS.md section 4: token formats, schemes, expiry and revocation. */
class TokenTest {

  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  private Http api() {
    return Http.at(github.baseUrl());
  }

  private String mint() {
    return Tokens.mint(github.emulator(), 42, "{}");
  }

  @Test
  void checksum_ofThePublishedSample_is11T4V4() {
    String sample = "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";

    assertThat(TokenFormats.checksum(sample.substring(4, 34))).isEqualTo("11T4V4");
    assertThat(TokenFormats.hasValidChecksum(sample)).isTrue();
    assertThat(TokenFormats.hasValidChecksum("ghp_M7H4jxUDDWHP4kZ6A4dxlQYsQIWJuq11T4V5")).isFalse();
  }

  @Test
  void mint_classicToken_isGhsPlus30RandomPlusItsCrc32InBase62() {
    String token = mint();

    assertThat(token).hasSize(40).matches("ghs_[0-9A-Za-z]{36}");
    // Recomputed here independently of the emulator's own code, as a secret scanner would.
    assertThat(token.substring(34)).isEqualTo(base62Crc32(token.substring(4, 34)));
  }

  @Test
  void mint_twoTokens_differ() {
    assertThat(mint()).isNotEqualTo(mint());
  }

  @Test
  void token_asBearerAsTokenAndAsBasicPassword_isAccepted() {
    String token = mint();
    String basic =
        Base64.getEncoder()
            .encodeToString(("x-access-token:" + token).getBytes(StandardCharsets.UTF_8));

    assertThat(api().bearer(token).get("/installation/repositories").status()).isEqualTo(200);
    assertThat(api().token(token).get("/installation/repositories").status()).isEqualTo(200);
    assertThat(
            api()
                .header("Authorization", "Basic " + basic)
                .get("/installation/repositories")
                .status())
        .isEqualTo(200);
  }

  @Test
  void token_unknown_isBadCredentials() {
    assertRefused(
        api().token("ghs_" + "a".repeat(36)).get("/installation/repositories"),
        401,
        "Bad credentials");
  }

  @Test
  void token_revokedWithDeleteInstallationToken_isBadCredentialsAfterwards() {
    String token = mint();

    Http.Reply revoked = api().token(token).delete("/installation/token");

    assertThat(revoked.status()).isEqualTo(204);
    assertRefused(api().token(token).get("/installation/repositories"), 401, "Bad credentials");
  }

  @Test
  void emulatorToken_ofANarrowedMint_saysWhatTheTokenReachesAndWhenItExpires() {
    GitHubEmulator emu = github.emulator();
    String token =
        Tokens.mint(
            emu, 42, "{\"repositories\":[\"docs\"],\"permissions\":{\"issues\":\"write\"}}");

    EmulatedToken known = emu.token(token).orElseThrow();

    assertThat(known.installationId()).isEqualTo(42);
    assertThat(known.narrowed()).isTrue();
    assertThat(known.repositories()).containsExactly("octo-org/docs");
    assertThat(known.permissions()).containsEntry("issues", "write").doesNotContainKey("contents");
    Instant hourLater = known.createdAt().plus(Duration.ofHours(1));
    assertThat(known.expiresAt()).isBetween(hourLater.minusSeconds(1), hourLater); // whole seconds
    assertThat(known.isExpiredAt(emu.now())).isFalse();
    assertThat(known.toString()).doesNotContain(token);
  }

  @Test
  void emulatorToken_ofAnUnnarrowedMint_reachesWhatItsInstallationReaches() {
    EmulatedToken known = github.emulator().token(mint()).orElseThrow();

    assertThat(known.narrowed()).isFalse();
    assertThat(known.repositories()).isEmpty();
    assertThat(known.permissions())
        .containsEntry("contents", "read")
        .containsEntry("issues", "write")
        .containsEntry("metadata", "read");
  }

  @Test
  void emulatorToken_revokedOrUnknown_isEmpty() {
    String token = mint();
    api().token(token).delete("/installation/token");

    assertThat(github.emulator().token(token)).isEmpty();
    assertThat(github.emulator().token("ghs_unknown")).isEmpty();
  }

  @Test
  void token_afterOneHourOnTheEmulatorsClock_isBadCredentials() {
    String token = mint();
    GitHubEmulator emu = github.emulator();
    emu.clock().advance(Duration.ofMinutes(59));
    try {
      assertThat(api().token(token).get("/installation/repositories").status()).isEqualTo(200);
      emu.clock().advance(Duration.ofMinutes(1).plusSeconds(1));
      assertRefused(api().token(token).get("/installation/repositories"), 401, "Bad credentials");
    } finally {
      emu.clock().advance(Duration.ofMinutes(-60).minusSeconds(1));
    }
  }

  @Test
  void token_ofASuspendedInstallation_isRefusedAndWorksAgainAfterUnsuspend() {
    String token = Tokens.mint(github.emulator(), 43, "{}");
    github.emulator().suspend(43);
    try {
      assertRefused(
          api().token(token).get("/installation/repositories"),
          403,
          "This installation has been suspended");
    } finally {
      github.emulator().unsuspend(43);
    }
    assertThat(api().token(token).get("/installation/repositories").status()).isEqualTo(200);
  }

  @Test
  void jwt_onATokenRoute_isRefusedWith401() {
    String jwt = Tokens.jwt(github.emulator(), 1001);

    Http.Reply reply = api().bearer(jwt).get("/installation/repositories");

    assertRefused(reply, 401, "Bad credentials");
  }

  @Test
  void installationRoute_withoutCredential_requiresAuthentication() {
    assertRefused(api().get("/installation/repositories"), 401, "Requires authentication");
  }

  @Test
  void unknownScheme_isBadCredentials() {
    assertRefused(
        api().header("Authorization", "Digest abc").get("/installation/repositories"),
        401,
        "Bad credentials");
  }

  private static String base62Crc32(String random) {
    CRC32 crc = new CRC32();
    crc.update(random.getBytes(StandardCharsets.US_ASCII));
    long value = crc.getValue();
    StringBuilder digits = new StringBuilder();
    while (value > 0) {
      digits.insert(0, BASE62.charAt((int) (value % 62)));
      value /= 62;
    }
    while (digits.length() < 6) {
      digits.insert(0, '0');
    }
    return digits.toString();
  }
}
