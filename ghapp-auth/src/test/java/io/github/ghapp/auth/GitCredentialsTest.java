package io.github.ghapp.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GitCredentialsTest {
  private final InstallationToken token =
      new InstallationToken(
          "ghs_16C7e42F292c6912E7710c838347Ae178B4a",
          Instant.parse("2024-11-25T01:00:02Z"),
          Map.of("contents", "read"),
          "selected",
          List.of());

  @Test
  void of_token_isUserXAccessTokenWithTheTokenAsPassword() {
    GitCredentials c = GitCredentials.of(token);

    assertThat(c.username()).isEqualTo("x-access-token");
    assertThat(c.password()).isEqualTo(token.token());
    assertThat(c.expiresAt()).isEqualTo(token.expiresAt());
  }

  @Test
  void toString_hidesThePassword() {
    assertThat(GitCredentials.of(token).toString())
        .doesNotContain(token.token())
        .contains("<redacted>");
    assertThat(token.toString()).doesNotContain(token.token());
  }

  @Test
  void toCredentialHelperOutput_isGitsKeyValueFormatWithTheExpiry() {
    assertThat(GitCredentials.of(token).toCredentialHelperOutput())
        .isEqualTo(
            "username=x-access-token\npassword="
                + token.token()
                + "\npassword_expiry_utc=1732496402\n");
  }
}
