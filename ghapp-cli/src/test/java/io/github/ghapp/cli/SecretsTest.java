package io.github.ghapp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {
  @Test
  void mask_keepsOnlyThePrefixAndTheLength() {
    assertThat(Secrets.mask("ghs_16C7e42F292c6912E7710c838347Ae178B4a"))
        .isEqualTo("ghs_****...**** (40 characters)");
    assertThat(Secrets.mask("github_pat_11ABCDEFG_abcdef"))
        .isEqualTo("github_****...**** (27 characters)");
  }

  @Test
  void redact_hidesTokensOfEveryKindJwtsAndKeysInAnyText() {
    String text =
        "a ghs_16C7e42F292c6912E7710c838347Ae178B4a b ghs_1001_eyJhbGciOiJSUzI1NiJ9.eyJ4IjoxfQ.c2ln c"
            + " eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOjF9.c2lnbmF0dXJl d -----BEGIN RSA PRIVATE KEY-----\nMIIE\n"
            + "-----END RSA PRIVATE KEY----- e";

    assertThat(Secrets.redact(text))
        .isEqualTo(
            "a ghs_****...**** (40 characters) b ghs_****...**** (45 characters)"
                + " c <JWT> d <private key> e");
  }

  @Test
  void redact_leavesOrdinaryTextAlone() {
    String text =
        "ghapp: the app has no installation 999. List its installations with 'ghapp installations'.";

    assertThat(Secrets.redact(text)).isEqualTo(text);
  }

  @Test
  void redact_keepsGhappsOwnAdviceThatQuotesPemLabels() {
    // Regression (security review #9/#10): the labels were replaced by "<private key>".
    String advice =
        "ghapp: --private-key: the private key file /k.pem has a -----BEGIN RSA PRIVATE KEY-----"
            + " line but no matching -----END RSA PRIVATE KEY----- line: it was cut off. Private"
            + " keys); it starts with -----BEGIN RSA PRIVATE KEY-----. Give one installation token"
            + " (ghs_ followed by letters and digits), e.g. ghs_...";

    assertThat(Secrets.redact(advice)).isEqualTo(advice);
  }

  @Test
  void redact_hidesAPemBlockFlattenedOntoOneLineAndAKeyWithoutArmour() {
    String body = "MIIEowIBAAKCAQEA" + "x".repeat(150);

    assertThat(
            Secrets.redact(
                "a -----BEGIN PRIVATE KEY----- " + body + " -----END PRIVATE KEY----- b"))
        .isEqualTo("a <private key> b");
    assertThat(Secrets.redact("the file " + body + " is missing"))
        .isEqualTo("the file <166 characters of base64> is missing");
  }
}
