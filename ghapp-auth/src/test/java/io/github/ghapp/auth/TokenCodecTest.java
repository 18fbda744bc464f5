package io.github.ghapp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class TokenCodecTest {
  private static final byte[] KEY = bytes(32, 7);
  private static final TokenCodec CODEC = TokenCodec.of(KEY);
  private static final TokenKey TOKEN_KEY =
      new TokenKey(
          "https://ghe.example.com/api/v3",
          "Iv23liABC",
          42,
          TokenRequest.builder()
              .repositories("hello-world")
              .permission("contents", "read")
              .build());
  private static final InstallationToken TOKEN =
      new InstallationToken(
          "ghs_16C7e42F292c6912E7710c838347Ae178B4a",
          Instant.parse("2026-01-01T12:00:00Z"),
          Map.of("contents", "read", "metadata", "read", "issues", "write"),
          "selected",
          List.of(
              new Repository(1296269, "octo-org", "hello-world", true),
              new Repository(7, "octo-org", "Spoon-Knife", false)));

  @Test
  void sealThenOpen_givesBackEveryField() {
    InstallationToken opened = CODEC.open(TOKEN_KEY, CODEC.seal(TOKEN_KEY, TOKEN)).orElseThrow();

    assertSameFields(opened, TOKEN);
  }

  @Test
  void sealThenOpenById_givesTheBaseUrlItWasSealedFor() {
    TokenCodec.Opened opened =
        CODEC.open(TOKEN_KEY.id(), CODEC.seal(TOKEN_KEY, TOKEN)).orElseThrow();

    assertThat(opened.baseUrl()).isEqualTo("https://ghe.example.com/api/v3");
    assertSameFields(opened.token(), TOKEN);
  }

  @Test
  void sealThenOpen_tokenWithoutSelectionPermissionsOrRepositories_staysEmpty() {
    InstallationToken bare =
        new InstallationToken("ghs_bare", Instant.ofEpochSecond(1_900_000_000), null, null, null);

    InstallationToken opened = CODEC.open(TOKEN_KEY, CODEC.seal(TOKEN_KEY, bare)).orElseThrow();

    assertSameFields(opened, bare);
  }

  @Test
  void sealThenOpen_longStatelessToken_roundTrips() {
    String token = "ghs_" + "aB3".repeat(172); // about 520 characters, GitHub's newer format
    InstallationToken longToken =
        new InstallationToken(token, TOKEN.expiresAt(), Map.of(), null, List.of());

    assertThat(CODEC.open(TOKEN_KEY, CODEC.seal(TOKEN_KEY, longToken)).orElseThrow().token())
        .hasSize(520)
        .isEqualTo(token);
  }

  @Test
  void seal_sameTokenTwice_givesDifferentBytes() {
    assertThat(CODEC.seal(TOKEN_KEY, TOKEN)).isNotEqualTo(CODEC.seal(TOKEN_KEY, TOKEN));
  }

  @Test
  void seal_neverHoldsTheTokenInTheClear() {
    String sealed = new String(CODEC.seal(TOKEN_KEY, TOKEN), StandardCharsets.ISO_8859_1);

    assertThat(sealed).doesNotContain("ghs_").doesNotContain("hello-world");
  }

  @Test
  void open_underAnotherAesKey_isEmpty() {
    byte[] sealed = CODEC.seal(TOKEN_KEY, TOKEN);

    assertThat(TokenCodec.of(bytes(32, 8)).open(TOKEN_KEY, sealed)).isEmpty();
  }

  @Test
  void open_forAnotherKeyId_isEmpty() {
    byte[] sealed = CODEC.seal(TOKEN_KEY, TOKEN);
    TokenKey otherInstallation =
        new TokenKey(TOKEN_KEY.baseUrl(), TOKEN_KEY.app(), 43, TOKEN_KEY.request());

    assertThat(CODEC.open(otherInstallation, sealed)).isEmpty();
    assertThat(CODEC.open("not-" + TOKEN_KEY.id(), sealed)).isEmpty();
  }

  @Test
  void open_anyBitFlipped_isEmpty() {
    byte[] sealed = CODEC.seal(TOKEN_KEY, TOKEN);

    for (int i = 0; i < sealed.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] flipped = sealed.clone();
        flipped[i] ^= (byte) (1 << bit);
        assertThat(CODEC.open(TOKEN_KEY, flipped)).as("byte %d, bit %d", i, bit).isEmpty();
      }
    }
  }

  @Test
  void open_truncatedAtAnyLength_isEmpty() {
    byte[] sealed = CODEC.seal(TOKEN_KEY, TOKEN);

    for (int length = 0; length < sealed.length; length++) {
      assertThat(CODEC.open(TOKEN_KEY, Arrays.copyOf(sealed, length)))
          .as("first %d bytes", length)
          .isEmpty();
    }
  }

  @Test
  void open_withBytesAppended_isEmpty() {
    byte[] sealed = CODEC.seal(TOKEN_KEY, TOKEN);

    assertThat(CODEC.open(TOKEN_KEY, Arrays.copyOf(sealed, sealed.length + 1))).isEmpty();
  }

  @Test
  void open_emptyOrNull_isEmpty() {
    assertThat(CODEC.open(TOKEN_KEY, new byte[0])).isEmpty();
    assertThat(CODEC.open(TOKEN_KEY, null)).isEmpty();
  }

  @Test
  void open_anotherFormat_isEmpty() {
    byte[] sealed = CODEC.seal(TOKEN_KEY, TOKEN);
    sealed[0] = 2;

    assertThat(CODEC.open(TOKEN_KEY, sealed)).isEmpty();
  }

  @Test
  void of_secretKeyFromAKeyGenerator_sealsAndOpens() throws Exception {
    KeyGenerator generator = KeyGenerator.getInstance("AES");
    generator.init(128);
    TokenCodec codec = TokenCodec.of(generator.generateKey());

    assertSameFields(codec.open(TOKEN_KEY, codec.seal(TOKEN_KEY, TOKEN)).orElseThrow(), TOKEN);
  }

  @Test
  void of_secretKeyAndItsRawBytes_openEachOthersValues() {
    SecretKey key = new SecretKeySpec(KEY, "AES");

    assertThat(TokenCodec.of(key).open(TOKEN_KEY, CODEC.seal(TOKEN_KEY, TOKEN))).isPresent();
  }

  @Test
  void of_keyOfTheWrongSizeOrAlgorithm_isRefusedWithoutShowingIt() {
    byte[] twenty = bytes(20, 0x5a);

    assertThatThrownBy(() -> TokenCodec.of(twenty))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("16 or 32 bytes, got 20");
    assertThatThrownBy(() -> TokenCodec.of(new SecretKeySpec(KEY, "HmacSHA256")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AES key");
    assertThatThrownBy(() -> TokenCodec.of(new SecretKeySpec(twenty, "AES")))
        .hasMessageNotContaining("5a5a")
        .hasMessageNotContaining("ZZZZ");
  }

  @Test
  void of_rawBytes_areCopied() {
    byte[] key = bytes(16, 3);
    TokenCodec codec = TokenCodec.of(key);
    byte[] sealed = codec.seal(TOKEN_KEY, TOKEN);

    Arrays.fill(key, (byte) 0);

    assertThat(codec.open(TOKEN_KEY, sealed)).isPresent();
  }

  @Test
  void toStringOfTheCodecAndWhatItOpens_showNoSecret() {
    TokenCodec.Opened opened =
        CODEC.open(TOKEN_KEY.id(), CODEC.seal(TOKEN_KEY, TOKEN)).orElseThrow();

    assertThat(CODEC.toString()).doesNotContain(new String(KEY, StandardCharsets.ISO_8859_1));
    assertThat(opened.toString()).doesNotContain(TOKEN.token()).contains("<redacted>");
  }

  private static void assertSameFields(InstallationToken actual, InstallationToken expected) {
    assertThat(actual.token()).isEqualTo(expected.token());
    assertThat(actual.expiresAt()).isEqualTo(expected.expiresAt());
    assertThat(actual.permissions()).isEqualTo(expected.permissions());
    assertThat(actual.repositorySelection()).isEqualTo(expected.repositorySelection());
    assertThat(actual.repositories()).isEqualTo(expected.repositories());
  }

  private static byte[] bytes(int length, int value) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }
}
