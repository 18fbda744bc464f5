package io.github.ghapp.cli;

import static io.github.ghapp.cli.UserMistakesTest.assertOneLine;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (security review #3, #10 and "further bugs"): {@code ghapp revoke} says "Revoked" only
 * for a token that is gone, checks what it is given before sending it, and never echoes it.
 */
class RevokeTest {
  @RegisterExtension
  static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo().freshPerTest();

  private static final String UNKNOWN = "ghs_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

  @TempDir Path home;
  GitHubEmulator emulator;
  Cli cli;

  @BeforeEach
  void setUp() {
    emulator = github.emulator();
    cli = Cli.demoApp(emulator, home);
  }

  @Test
  void revoke_aTokenGitHubDoesNotKnow_saysWhatGitHubAnsweredAndExits1() {
    Cli.Result result = cli.run("revoke", UNKNOWN);

    assertOneLine(
        result,
        ExitCodes.REFUSED,
        "ghapp: GitHub answered 401 Bad credentials for ghs_****...**** (40 characters, sha256 "
            + RevokeInput.fingerprint(UNKNOWN)
            + "): it was already revoked or expired, or it was never a valid token. Nothing was"
            + " revoked");
  }

  @Test
  void revoke_garbage_isRefusedBeforeSendingWithoutEchoingIt() {
    Cli.Result result = cli.stdin("not a token at all\n").run("revoke", "-");

    assertOneLine(
        result,
        ExitCodes.USAGE,
        "ghapp: standard input: the token (18 characters) has spaces in it, which no token has;"
            + " nothing was revoked.");
    assertThat(result.err()).doesNotContain("not a token");
    assertThat(emulator.requests()).isEmpty();
  }

  @Test
  void revoke_aJwt_saysItIsNotAnInstallationToken() {
    String jwt = cli.run("jwt").out().strip();

    Cli.Result result = cli.run("revoke", jwt);

    assertOneLine(result, ExitCodes.USAGE, "is a JWT, the app's own short-lived credential");
  }

  @Test
  void revoke_binaryOnStdin_isRefusedInOneLineWithoutEchoingIt() {
    byte[] bytes = new byte[2000];
    new Random(9).nextBytes(bytes);

    Cli.Result result =
        cli.stdin(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1))
            .run("revoke", "-");

    assertThat(result.err())
        .isEqualTo(
            "ghapp: standard input is not text (binary data?). Give one installation token (ghs_"
                + " followed by letters and digits) per line.\n");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void revoke_severalTokens_saysWhichIsWhichByPositionAndFingerprint() {
    String live = cli.run("token", "--installation-id", "42", "--no-cache").out().strip();

    Cli.Result result = cli.stdin(live + "\n" + UNKNOWN + "\n").run("revoke", "-");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.REFUSED);
    assertThat(result.out())
        .isEqualTo(
            "Revoked token 1 of 2, ghs_****...**** (40 characters, sha256 "
                + RevokeInput.fingerprint(live)
                + ").\n");
    assertThat(result.err())
        .startsWith(
            "ghapp: GitHub answered 401 Bad credentials for token 2 of 2, ghs_****...**** (40"
                + " characters, sha256 "
                + RevokeInput.fingerprint(UNKNOWN)
                + "): ")
        .doesNotContain(live, UNKNOWN);
  }

  @Test
  void revoke_aCachedTokenGitHubAlreadyRefuses_countsAsRevoked() throws Exception {
    String token = cli.run("token", "--installation-id", "42").out().strip();
    HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/installation/token"))
                .header("Authorization", "Bearer " + token)
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.discarding());

    Cli.Result result = cli.run("revoke", token);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("GitHub no longer accepted it");
  }
}
