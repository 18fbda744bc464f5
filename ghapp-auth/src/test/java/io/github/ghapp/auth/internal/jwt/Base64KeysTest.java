package io.github.ghapp.auth.internal.jwt;

import static io.github.ghapp.auth.internal.jwt.PemKeysTest.assertNoKeyMaterial;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ghapp.auth.PrivateKeyException;
import io.github.ghapp.auth.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Regression (security review #2): keys kept base64-encoded are read, and never echoed. */
class Base64KeysTest {
  private static final KeyPair RSA = TestKeys.rsa();
  private static final Base64.Encoder B64 = Base64.getEncoder();

  @Test
  void parse_wholePemBase64Encoded_readsTheKey() {
    String pem = TestKeys.pkcs1Pem(RSA);

    assertSameKey(PemKeys.parse(B64.encodeToString(pem.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void parse_pkcs1DerInBase64_readsTheKey() {
    byte[] pkcs1 = TestKeys.pkcs1Der(RSA.getPrivate().getEncoded());

    assertSameKey(PemKeys.parse(B64.encodeToString(pkcs1)));
  }

  @Test
  void parse_pkcs8DerInBase64_readsTheKey() {
    assertSameKey(PemKeys.parse(B64.encodeToString(RSA.getPrivate().getEncoded())));
  }

  @Test
  void parse_pemBodyWithoutArmourLines_readsTheKey() {
    String body = TestKeys.pkcs1Pem(RSA).replaceAll("-----[A-Z ]+-----", "").strip();

    assertSameKey(PemKeys.parse(body)); // with its line breaks
    assertSameKey(PemKeys.parse(body.replace("\n", "")));
  }

  @Test
  void parse_base64OfSomethingElse_saysSoWithoutEchoingIt() {
    String junk = B64.encodeToString(new byte[600]);

    assertThatThrownBy(() -> PemKeys.parse(junk))
        .isInstanceOf(PrivateKeyException.class)
        .hasMessageStartingWith(
            "The private key text (800 characters of base64) decodes to neither")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("AAAAAAAAAAAA"));
  }

  @Test
  void read_base64KeyGivenAsAPath_saysSoWithoutEchoingIt() {
    String encoded = B64.encodeToString(TestKeys.pkcs1Pem(RSA).getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> PemKeys.read(Path.of(encoded)))
        .isInstanceOf(PrivateKeyException.class)
        .hasMessageContaining("characters of base64, most likely the key itself")
        .satisfies(e -> assertNoKeyMaterial(e.getMessage(), encoded));
  }

  @Test
  void read_mistypedPath_isStillNamed() {
    assertThatThrownBy(() -> PemKeys.read(Path.of("/no/such/dir/app-key.pem")))
        .hasMessageContaining("The private key file /no/such/dir/app-key.pem does not exist");
  }

  /**
   * Found reviewing PemKeysFuzzTest's targets: the base64 pattern backtracked quadratically, so a
   * 64 KiB file of base64, spaces and one other character took 29 s to refuse. The timeout only
   * guards against that hang coming back; the refusal itself takes milliseconds.
   */
  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void parse_64KiBOfBase64SpacesAndAnotherCharacter_isRefusedWithoutBacktracking() {
    String text = "AAAA" + " ".repeat(64 << 10) + "!";

    assertThatThrownBy(() -> PemKeys.parse(text))
        .isInstanceOf(PrivateKeyException.class)
        .hasMessageContaining("no '-----BEGIN' line");
  }

  private static void assertSameKey(RSAPrivateKey key) {
    RSAPrivateCrtKey expected = (RSAPrivateCrtKey) RSA.getPrivate();
    assertThat(key.getModulus()).isEqualTo(expected.getModulus());
    assertThat(key.getPrivateExponent()).isEqualTo(expected.getPrivateExponent());
  }
}
