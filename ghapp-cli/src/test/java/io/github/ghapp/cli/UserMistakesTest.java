package io.github.ghapp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each mistake a user makes gets one plain line on standard error, saying what is wrong and what to
 * do, the exit code the README documents, no stack trace, and no secret.
 */
class UserMistakesTest {
  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  @TempDir Path home;
  GitHubEmulator emulator;
  Cli cli;

  @BeforeEach
  void setUp() {
    emulator = github.emulator();
    cli = Cli.demoApp(emulator, home);
  }

  @Test
  void missingKeyFile_isAUsageErrorNamingTheFile() {
    Cli.Result result =
        cli.env("GHAPP_PRIVATE_KEY", null)
            .run("token", "--private-key", "no-such-key.pem", "--installation-id", "42");

    assertOneLine(result, ExitCodes.USAGE, "--private-key", "no-such-key.pem", "does not exist");
  }

  @Test
  void missingKeyFile_adviceIsPrintedAsWritten() {
    // Regression (security review #9/#10): "it starts with <private key>".
    Path cwd = Path.of("").toAbsolutePath();
    Cli.Result result =
        cli.env("GHAPP_PRIVATE_KEY", null)
            .run("token", "--private-key", "keys/does-not-exist.pem", "--installation-id", "42");

    assertThat(result.err())
        .isEqualTo(
            "ghapp: --private-key: the private key file "
                + cwd.resolve("keys/does-not-exist.pem")
                + " does not exist (relative paths resolve against the working directory "
                + cwd
                + "). Pass the path of the app's .pem key file. Use the .pem file GitHub downloads"
                + " when you generate a private key in the app's settings (Settings > Developer"
                + " settings > GitHub Apps > your app > Private keys); it starts with -----BEGIN RSA"
                + " PRIVATE KEY-----.\n");
  }

  @Test
  void truncatedKeyFile_adviceQuotesTheLabelsAsWritten() throws IOException {
    // Regression (security review #9/#10).
    String pem = emulator.app(1001).privateKeyPem();
    Path key = Files.writeString(home.resolve("octo-app.pem"), pem.substring(0, 800));

    Cli.Result result = cli.run("token", "--installation-id", "42");

    assertThat(result.err())
        .isEqualTo(
            "ghapp: GHAPP_PRIVATE_KEY: the private key file "
                + key
                + " has a -----BEGIN RSA PRIVATE KEY----- line but no matching -----END RSA PRIVATE"
                + " KEY----- line: it was cut off or changed when copied. Copy the whole file, from"
                + " the BEGIN line to the END line.\n");
  }

  @Test
  void refusalFromGitHub_keepsGitHubCapitalised() {
    // Regression (security review #9/#10): "gitHub refused".
    Cli.Result result = cli.run("token", "--installation-id", "42", "--permission", "isues=write");

    assertThat(result.err())
        .startsWith(
            "ghapp: GitHub refused to mint a token with isues=write: installation 42 grants"
                + " contents=read, issues=write, metadata=read. 'isues' is not a GitHub App"
                + " permission; did you mean 'issues'?");
  }

  @Test
  void pkcs1KeyLabelledAsPkcs8_isReadForWhatItIs() throws IOException {
    String mislabelled =
        emulator.app(1001).privateKeyPem().replace("RSA PRIVATE KEY", "PRIVATE KEY");
    Files.writeString(home.resolve("octo-app.pem"), mislabelled);

    Cli.Result result = cli.run("token", "--installation-id", "42");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).isEmpty();
  }

  @Test
  void truncatedKey_isAUsageErrorSayingToCopyItAgain() throws IOException {
    String pem = emulator.app(1001).privateKeyPem();
    String[] lines = pem.split("\n");
    Files.writeString(
        home.resolve("octo-app.pem"),
        lines[0] + "\n" + lines[1] + "\n" + lines[2] + "\n" + lines[lines.length - 1] + "\n");

    Cli.Result result = cli.run("token", "--installation-id", "42");

    assertOneLine(
        result,
        ExitCodes.USAGE,
        "GHAPP_PRIVATE_KEY",
        "not a valid RSA private key in either PKCS#1 or" + " PKCS#8 form",
        "Copy the whole file again");
  }

  @Test
  void encryptedKey_isAUsageErrorSayingHowToDecryptIt() throws IOException {
    Files.writeString(
        home.resolve("octo-app.pem"),
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBvTBXBgkqhkiG9w0B\n"
            + "-----END ENCRYPTED PRIVATE KEY-----\n");

    Cli.Result result = cli.run("token", "--installation-id", "42");

    assertOneLine(result, ExitCodes.USAGE, "encrypted", "openssl");
  }

  @Test
  void keyTextPassedAsAPath_isRefusedWithoutEchoingIt() {
    Cli.Result result = cli.run("jwt", "--private-key", emulator.app(1001).privateKeyPem());

    assertOneLine(
        result, ExitCodes.USAGE, "--private-key takes the path of the key file, not the key");
  }

  @Test
  void unknownPermissionName_isRefusedWithASuggestion() {
    Cli.Result result = cli.run("token", "--installation-id", "42", "--permission", "isues=write");

    assertOneLine(
        result,
        ExitCodes.REFUSED,
        "isues=write",
        "did you mean 'issues'?",
        "grants contents=read, issues=write, metadata=read");
  }

  @Test
  void permissionLevelAboveTheGrant_isRefusedNamingTheGrant() {
    Cli.Result result =
        cli.run("token", "--installation-id", "42", "--permission", "contents=write");

    assertOneLine(result, ExitCodes.REFUSED, "contents=write", "grants contents=read");
  }

  @Test
  void malformedPermission_isAUsageError() {
    assertOneLine(
        cli.run("token", "--permission", "issues"),
        ExitCodes.USAGE,
        "issues",
        "read, write, admin");
    assertOneLine(cli.run("token", "--permission", "issues=rw"), ExitCodes.USAGE, "'rw'");
  }

  @Test
  void repositoryOutsideTheInstallation_isRefused() {
    Cli.Result result = cli.run("token", "--org", "octo-org", "--repository", "secret-plans");

    assertOneLine(result, ExitCodes.REFUSED, "secret-plans", "does not reach");
  }

  @Test
  void installationThatDoesNotExist_isRefusedPointingToTheList() {
    Cli.Result result = cli.run("token", "--installation-id", "999");

    assertOneLine(result, ExitCodes.REFUSED, "no installation 999", "ghapp installations");
  }

  @Test
  void repositoryTheAppIsNotInstalledOn_isRefused() {
    Cli.Result result = cli.run("token", "--repo", "octo-org/nope");

    assertOneLine(result, ExitCodes.REFUSED, "not installed on repository octo-org/nope");
  }

  @Test
  void wrongAppId_isRefusedNamingTheOptions() {
    Cli.Result result = cli.env("GHAPP_CLIENT_ID", null).env("GHAPP_APP_ID", "999").run("app");

    assertOneLine(result, ExitCodes.REFUSED, "no app with this ID", "--app-id or --client-id");
  }

  @Test
  void keyOfAnotherApp_isRefusedAsAnUnverifiableJwt() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    Files.writeString(home.resolve("octo-app.pem"), pem);

    Cli.Result result = cli.run("installations");

    assertOneLine(result, ExitCodes.REFUSED, "could not verify the app's JWT", "--private-key");
  }

  @Test
  void noApp_isAUsageErrorNamingOptionsAndVariables() {
    Cli.Result result = cli.env("GHAPP_CLIENT_ID", null).run("token");

    assertOneLine(result, ExitCodes.USAGE, "no app given", "--client-id", "GHAPP_CLIENT_ID");
  }

  @Test
  void appIdAndClientIdBoth_isAUsageError() {
    assertOneLine(
        cli.run("jwt", "--app-id", "1001", "--client-id", "Iv23liDemo"),
        ExitCodes.USAGE,
        "--app-id and --client-id are both given");
  }

  @Test
  void appIdThatIsNotANumber_isAUsageError() {
    assertOneLine(
        cli.env("GHAPP_CLIENT_ID", null).env("GHAPP_APP_ID", "octo-app").run("jwt"),
        ExitCodes.USAGE,
        "GHAPP_APP_ID 'octo-app' is not a number");
  }

  @Test
  void repoWithoutOwner_isAUsageError() {
    assertOneLine(cli.run("token", "--repo", "hello-world"), ExitCodes.USAGE, "OWNER/REPO");
  }

  @Test
  void twoInstallationSelectors_isAUsageError() {
    assertOneLine(
        cli.run("token", "--org", "octo-org", "--user", "octocat"),
        ExitCodes.USAGE,
        "mutually exclusive");
  }

  @Test
  void noInstallationSelectorWithSeveralInstallations_isAUsageErrorListingThem() {
    assertOneLine(cli.run("token"), ExitCodes.USAGE, "2 installations", "octo-org 42", "--owner");
  }

  @Test
  void minValidityBeyondATokensLife_isAUsageError() {
    assertOneLine(
        cli.run("token", "--installation-id", "42", "--min-validity", "2h"),
        ExitCodes.USAGE,
        "--min-validity 2h",
        "55m");
  }

  @Test
  void minValidityZero_isAcceptedAsTheRefusalOf2hSuggests() {
    // Regression (security review, further bug 14): "0 to 55m", yet '0' was not a duration.
    Cli.Result result = cli.run("token", "--installation-id", "42", "--min-validity", "0");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).startsWith("ghs_");
  }

  @Test
  void durationWithoutUnit_isAUsageError() {
    assertOneLine(
        cli.run("token", "--min-validity", "45"), ExitCodes.USAGE, "'45' is not a duration");
  }

  @Test
  void plainHttpBaseUrlOffThisMachine_isAUsageError() {
    assertOneLine(
        cli.env("GHAPP_BASE_URL", "http://ghe.example.com").run("jwt"),
        ExitCodes.USAGE,
        "GHAPP_BASE_URL",
        "https");
  }

  @Test
  void unknownOptionOrCommand_isAUsageErrorWithASuggestion() {
    assertOneLine(
        cli.run("tokn"), ExitCodes.USAGE, "'tokn' is not a ghapp command. Did you mean token?");
    assertOneLine(cli.run("token", "--org-name", "x"), ExitCodes.USAGE, "--org-name");
  }

  @Test
  void noCommand_isAUsageError() {
    assertOneLine(cli.run(), ExitCodes.USAGE, "a command is required");
  }

  @Test
  void unreachableGitHub_isANetworkFailure() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    Cli.Result result =
        cli.env("GHAPP_BASE_URL", "http://127.0.0.1:" + closedPort).run("installations");

    assertOneLine(result, ExitCodes.UNAVAILABLE, "no answer from 127.0.0.1");
  }

  @Test
  void serverErrors_areANetworkOrServerFailure() {
    emulator.faults().failNext(10, 502);

    Cli.Result result = cli.run("app");

    assertOneLine(result, ExitCodes.UNAVAILABLE, "502");
  }

  @Test
  void suspendedInstallation_isRefused() {
    long id = emulator.createInstallation(1001, createOrg());
    emulator.suspend(id);

    Cli.Result result = cli.run("token", "--installation-id", Long.toString(id));

    assertOneLine(result, ExitCodes.REFUSED, "suspended");
  }

  @Test
  void tokenPastedWhereItDoesNotBelong_isNotEchoed() {
    String token = cli.run("token", "--installation-id", "42").out().strip();

    Cli.Result result = cli.run("token", token);

    assertOneLine(result, ExitCodes.USAGE, "ghs_****...****");
    assertThat(result.err()).doesNotContain(token.substring(4));
  }

  @Test
  void verbose_addsTheStackTrace() {
    Cli.Result result = cli.run("token", "--installation-id", "999", "--verbose");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.REFUSED);
    assertThat(result.errLines().get(0)).startsWith("ghapp: the app has no installation 999");
    assertThat(result.err()).contains("NotFoundException").contains("\tat ");
  }

  private String createOrg() {
    emulator.createAccount("octo-labs", "Organization");
    emulator.createRepository("octo-labs", "lab", true);
    return "octo-labs";
  }

  /**
   * Exactly one line on stderr, with the expected words, no stack trace, no secret; nothing on
   * stdout.
   */
  static void assertOneLine(Cli.Result result, int exitCode, String... words) {
    assertOneLineOnStderr(result, exitCode, words);
    assertThat(result.out()).as("stdout").isEmpty();
  }

  /** Exactly one line on stderr, with the expected words, no stack trace, no secret. */
  static void assertOneLineOnStderr(Cli.Result result, int exitCode, String... words) {
    assertThat(result.exitCode()).as("exit code; stderr: %s", result.err()).isEqualTo(exitCode);
    assertThat(result.errLines()).as("stderr").hasSize(1);
    String line = result.errLines().get(0);
    assertThat(line)
        .startsWith("ghapp: ")
        .contains(words)
        .doesNotContain("\tat ")
        .doesNotContainPattern("\\b(java|javax|io\\.github)\\.[\\w.$]+");
    assertThat(line)
        .doesNotContainPattern("ghs_[A-Za-z0-9]{10}")
        .doesNotContain("eyJ")
        .doesNotContainPattern("-----BEGIN [A-Z ]+-----\\s*[A-Za-z0-9+/]{4}");
  }
}
