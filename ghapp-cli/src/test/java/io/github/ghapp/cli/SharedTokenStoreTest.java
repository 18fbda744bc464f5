package io.github.ghapp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import io.github.ghapp.emulator.RecordedRequest;
import io.github.ghapp.redis.RedisServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --token-store redis://...}: build agents that share one real Redis mint once per
 * installation and scope between them, instead of once per machine's disk cache.
 */
class SharedTokenStoreTest {
  @RegisterExtension
  static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo().freshPerTest();

  @TempDir static Path redisHome;
  private static RedisServer redis;
  private static final String SEALING_KEY = randomKey();

  @TempDir Path agentOne;
  @TempDir Path agentTwo;

  @BeforeAll
  static void startRedis() {
    redis = RedisServer.start(redisHome);
  }

  @AfterAll
  static void stopRedis() {
    redis.stop();
  }

  private Cli agent(Path home) {
    return Cli.demoApp(github.emulator(), home)
        .env("GHAPP_TOKEN_STORE", redis.uri())
        .env("GHAPP_TOKEN_STORE_KEY", SEALING_KEY);
  }

  @Test
  void token_twoAgentsOnOneRedis_mintOnceBetweenThem() throws Exception {
    GitHubEmulator emu = github.emulator();

    Cli.Result first = agent(agentOne).run("token", "--installation-id", "42");
    Cli.Result second = agent(agentTwo).run("token", "--installation-id", "42");

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(second.out()).isEqualTo(first.out());
    assertThat(emu.requests().stream().filter(RecordedRequest::isMint)).hasSize(1);
    try (var files = Files.walk(agentOne)) {
      assertThat(files.filter(p -> p.toString().contains("tokens"))).isEmpty();
    }
  }

  @Test
  void gitCredential_withTheOptionInsteadOfTheVariable_sharesTheSameToken() {
    Cli.Result token = agent(agentOne).run("token", "--installation-id", "42");
    Cli.Result git =
        agent(agentTwo)
            .env("GHAPP_TOKEN_STORE", null)
            .stdin("protocol=http\nhost=127.0.0.1:" + github.emulator().port() + "\n\n")
            .run("git-credential", "--installation-id", "42", "--token-store", redis.uri(), "get");

    assertThat(git.exitCode()).as(git.err()).isZero();
    assertThat(git.out()).contains("password=" + token.out().strip());
  }

  @Test
  void token_withoutASealingKey_refusesSayingHowToMakeOne() {
    Cli.Result result =
        agent(agentOne).env("GHAPP_TOKEN_STORE_KEY", null).run("token", "--installation-id", "42");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err())
        .isEqualTo(
            "ghapp: GHAPP_TOKEN_STORE needs the tokens' sealing key in GHAPP_TOKEN_STORE_KEY (a base64"
                + " AES key): make one with 'openssl rand -base64 32' and give every agent the same.\n");
  }

  @Test
  void token_withAKeyThatIsNotOne_refusesWithoutEchoingIt() {
    String notAKey = "hunter2-is-not-base64!";
    Cli.Result result =
        agent(agentOne)
            .env("GHAPP_TOKEN_STORE_KEY", notAKey)
            .run("token", "--installation-id", "42");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err())
        .startsWith("ghapp: GHAPP_TOKEN_STORE_KEY is not base64")
        .doesNotContain(notAKey);
  }

  @Test
  void token_withAStoreThatIsNotRedis_isAUsageError() {
    Cli.Result result =
        agent(agentOne)
            .run(
                "token", "--installation-id", "42", "--token-store", "memcached://127.0.0.1:11211");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err())
        .startsWith("ghapp: --token-store must be a Redis URI: redis://HOST:PORT");
  }

  @Test
  void token_withTheStoreDown_warnsOnceAndStillPrintsATokenMintedHere() throws Exception {
    int nothingListens;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      nothingListens = socket.getLocalPort();
    }

    Cli.Result result =
        agent(agentOne)
            .env("GHAPP_TOKEN_STORE", "redis://127.0.0.1:" + nothingListens)
            .run("token", "--installation-id", "42");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).startsWith("ghs_");
    assertThat(result.err())
        .startsWith(
            "ghapp: warning: the token store redis://127.0.0.1:"
                + nothingListens
                + " does not answer (")
        .endsWith("); going on without it, so this token is not shared.\n")
        .hasLineCount(1);
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
