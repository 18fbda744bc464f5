package io.github.ghapp.cli;

import static io.github.ghapp.cli.UserMistakesTest.assertOneLine;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (security review, further bug 16): a server that accepts and never answers held every
 * command (and Git) for 60 s; {@code --timeout} and {@code GHAPP_TIMEOUT} bound it.
 */
class TimeoutTest {
  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  @TempDir Path home;
  ServerSocket silent;
  Cli cli;

  @BeforeEach
  void setUp() throws Exception {
    GitHubEmulator emulator = github.emulator();
    // The kernel completes the connection (backlog); nobody ever reads or answers.
    silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    cli =
        Cli.demoApp(emulator, home)
            .env("GHAPP_BASE_URL", "http://127.0.0.1:" + silent.getLocalPort());
  }

  @AfterEach
  void closeServer() throws Exception {
    silent.close();
  }

  @Test
  void token_againstASilentServer_givesUpAtTheTimeoutAsANetworkFailure() {
    Cli.Result result = cli.run("token", "--installation-id", "42", "--timeout", "1s");

    assertOneLine(
        result,
        ExitCodes.UNAVAILABLE,
        "got no answer from 127.0.0.1",
        "It did not answer within the deadline; a slow GitHub may need a longer --timeout (or"
            + " GHAPP_TIMEOUT).");
  }

  @Test
  void gitCredential_takesItsTimeoutFromTheEnvironment() {
    String host = "127.0.0.1:" + silent.getLocalPort();

    Cli.Result result =
        cli.env("GHAPP_TIMEOUT", "1s")
            .stdin("protocol=http\nhost=" + host + "\npath=octo-org/hello-world.git\n\n")
            .run("git-credential", "get");

    assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(result.out()).isEmpty();
  }

  @Test
  void timeoutThatIsZeroOrNotADuration_isAUsageError() {
    assertOneLine(
        cli.run("token", "--timeout", "0s"),
        ExitCodes.USAGE,
        "--timeout must be more than 0 and at most 10m");
    assertOneLine(
        cli.env("GHAPP_TIMEOUT", "soon").run("token"),
        ExitCodes.USAGE,
        "GHAPP_TIMEOUT: 'soon' is not a duration");
  }
}
