package io.github.ghapp.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  private static final String SECRET = "It's a Secret to Everybody";
  private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
  private static final String GITHUB_VECTOR =
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

  @Test
  void sign_githubTestVector_matchesGitHubsPublishedSignature() {
    assertThat(WebhookSignature.sign(SECRET, BODY)).isEqualTo(GITHUB_VECTOR);
  }

  @Test
  void verify_githubTestVector_accepts() {
    assertThat(WebhookSignature.of(SECRET).verify(BODY, GITHUB_VECTOR)).isTrue();
  }

  @Test
  void verify_otherSecret_rejects() {
    assertThat(WebhookSignature.of("not the secret").verify(BODY, GITHUB_VECTOR)).isFalse();
  }

  @Test
  void verify_oneByteChanged_rejects() {
    byte[] changed = "Hello, World?".getBytes(StandardCharsets.UTF_8);
    assertThat(WebhookSignature.of(SECRET).verify(changed, GITHUB_VECTOR)).isFalse();
  }

  @Test
  void verify_truncatedBody_rejects() {
    assertThat(WebhookSignature.of(SECRET).verify(BODY, 0, BODY.length - 1, GITHUB_VECTOR))
        .isFalse();
  }

  @Test
  void verify_rangeOfLargerArray_verifiesOnlyThatRange() {
    byte[] framed = ("xx" + "Hello, World!" + "yy").getBytes(StandardCharsets.UTF_8);
    assertThat(WebhookSignature.of(SECRET).verify(framed, 2, BODY.length, GITHUB_VECTOR)).isTrue();
  }

  @Test
  void verify_rotation_acceptsEitherSecret() {
    WebhookSignature rotating = WebhookSignature.of(List.of("the new secret", SECRET));
    String signedWithNew = WebhookSignature.sign("the new secret", BODY);

    assertThat(rotating.verify(BODY, GITHUB_VECTOR)).isTrue();
    assertThat(rotating.verify(BODY, signedWithNew)).isTrue();
    assertThat(rotating.verify(BODY, WebhookSignature.sign("a third secret", BODY))).isFalse();
  }

  @Test
  void verify_malformedHeaders_rejectWithoutThrowing() {
    WebhookSignature signature = WebhookSignature.of(SECRET);
    String hex = GITHUB_VECTOR.substring("sha256=".length());

    assertThat(signature.verify(BODY, null)).isFalse();
    assertThat(signature.verify(BODY, "")).isFalse();
    assertThat(signature.verify(BODY, hex)).isFalse();
    assertThat(signature.verify(BODY, "sha1=" + hex)).isFalse();
    assertThat(signature.verify(BODY, "sha256=" + hex.substring(2))).isFalse();
    assertThat(signature.verify(BODY, GITHUB_VECTOR + "00")).isFalse();
    assertThat(signature.verify(BODY, "sha256=" + "zz" + hex.substring(2))).isFalse();
  }

  @Test
  void of_emptySecret_isRefusedWithTheReason() {
    assertThatThrownBy(() -> WebhookSignature.of(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not be null or empty");
    assertThatThrownBy(() -> WebhookSignature.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one webhook secret");
  }

  @Test
  void toString_neverShowsTheSecret() {
    assertThat(WebhookSignature.of(SECRET, "second").toString())
        .doesNotContain(SECRET)
        .doesNotContain("second")
        .contains("2");
  }
}
