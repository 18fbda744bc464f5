package io.github.ghapp.cli;

import static io.github.ghapp.cli.UserMistakesTest.assertOneLine;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The forms a key is given in, and what ghapp says about one it cannot use. */
class KeyInputTest {
  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  @TempDir Path home;
  GitHubEmulator emulator;
  Cli cli;
  String pem;

  @BeforeEach
  void setUp() {
    emulator = github.emulator();
    cli = Cli.demoApp(emulator, home);
    pem = emulator.app(1001).privateKeyPem();
  }

  @Test
  void base64EncodedPemInTheVariable_isUsed() {
    // Regression (security review #2): it was taken for a path and echoed whole.
    String encoded = Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));

    assertMints(cli.env("GHAPP_PRIVATE_KEY", encoded).run("token", "--installation-id", "42"));
  }

  @Test
  void base64DerInTheVariable_isUsed() {
    // Regression (security review #2).
    String der = Base64.getEncoder().encodeToString(emulator.app(1001).privateKey().getEncoded());

    assertMints(cli.env("GHAPP_PRIVATE_KEY", der).run("token", "--installation-id", "42"));
  }

  @Test
  void pemBodyWithoutArmourInTheVariable_isUsed() {
    // Regression (security review #2).
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");

    assertMints(cli.env("GHAPP_PRIVATE_KEY", body).run("token", "--installation-id", "42"));
  }

  @Test
  void base64KeyOnTheCommandLine_isRefusedWithoutEchoingIt() {
    // Regression (security review #2): "--private-key $(base64 -w0 key.pem)" printed the key.
    String encoded = Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));

    Cli.Result result = cli.run("token", "--installation-id", "42", "--private-key", encoded);

    assertOneLine(
        result,
        ExitCodes.USAGE,
        "--private-key takes the path of the key file, not the key (the value given, "
            + encoded.length()
            + " characters, looks like a key)");
    assertThat(result.err()).doesNotContain(encoded.substring(40, 60));
  }

  @Test
  void corruptBase64KeyInTheVariable_isDescribedNotEchoed() {
    // Regression (security review #2).
    String junk = Base64.getEncoder().encodeToString(new byte[300]).replace('A', 'Q');

    Cli.Result result = cli.env("GHAPP_PRIVATE_KEY", junk).run("token", "--installation-id", "42");

    assertOneLine(
        result,
        ExitCodes.USAGE,
        "GHAPP_PRIVATE_KEY: the private key text (400 characters of base64) decodes to neither");
    assertThat(result.err()).doesNotContain("QQQQQQQQ");
  }

  @Test
  void mistypedPathInTheVariable_isStillNamed() {
    Cli.Result result =
        cli.env("GHAPP_PRIVATE_KEY", "keys/octo-app.pme").run("token", "--installation-id", "42");

    assertOneLine(result, ExitCodes.USAGE, "keys/octo-app.pme does not exist");
  }

  @Test
  void deviceAsKeyFile_isRefusedInOneLine() {
    // Regression (security review #5): /dev/zero was read until OutOfMemoryError, exit 1.
    Cli.Result result = cli.run("token", "--installation-id", "42", "--private-key", "/dev/zero");

    assertOneLine(
        result,
        ExitCodes.USAGE,
        "ghapp: --private-key: the private key file /dev/zero is not a regular file (a device, FIFO"
            + " or socket)");
  }

  @Test
  // a separate thread, so that a regression fails here instead of hanging the build
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void fifoWithoutAWriterAsKeyFile_isRefusedInsteadOfHanging() throws Exception {
    // Regression (security review #5): opening the FIFO blocked forever.
    Path fifo = home.resolve("key.fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();

    Cli.Result result = cli.env("GHAPP_PRIVATE_KEY", fifo.toString()).run("token", "--owner", "x");

    assertOneLine(result, ExitCodes.USAGE, fifo + " is not a regular file");
  }

  @Test
  void keyFileLargerThan64KiB_isRefused() throws Exception {
    Path big = Files.writeString(home.resolve("big.pem"), pem + "x".repeat(70_000));

    Cli.Result result = cli.env("GHAPP_PRIVATE_KEY", big.toString()).run("token", "--owner", "x");

    assertOneLine(result, ExitCodes.USAGE, "is larger than 64 KiB");
  }

  @Test
  void anErrorInACommand_isReportedAsABugWithExit70() {
    // Regression (security review #5): an Error left main with a JVM trace and exit 1.
    Cli.Result result = cli.replacing("token", new Overflowing()).run("token");

    assertOneLine(
        result,
        ExitCodes.INTERNAL,
        "ghapp: internal error StackOverflowError: deep. This is a bug in ghapp, not"
            + " GitHub's answer");
  }

  @CommandLine.Command(name = "token")
  static final class Overflowing implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new StackOverflowError("deep");
    }
  }

  private static void assertMints(Cli.Result result) {
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).startsWith("ghs_");
  }
}
