package io.github.ghapp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.ghapp.auth.internal.token.ConcurrentCallers;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import io.github.ghapp.emulator.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The token cache against the emulator over real sockets: what GitHub sees when many callers ask at
 * once, and that callers holding a usable token do not wait while a mint is in flight. The mint is
 * held in the transport until the test releases it ({@link HeldMints}), so "in flight" lasts
 * exactly as long as the checks made meanwhile, however slow the machine.
 */
class TokenProviderEmulatorTest {
  private static final TokenRequest HELLO_WORLD =
      TokenRequest.builder().repositories("hello-world").build();

  /**
   * One emulator for the class; each test builds its own app, so no token is shared between tests.
   */
  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  private GitHubEmulator emu;
  private final HeldMints transport = new HeldMints();
  private final ExecutorService background = Executors.newSingleThreadExecutor();

  @BeforeEach
  void forgetEarlierRequests() {
    emu = github.emulator();
    emu.clearRequests();
  }

  @AfterEach
  void stopBackground() {
    transport.release();
    background.shutdownNow();
  }

  private GitHubApp app(boolean refreshInBackground) {
    GitHubAppBuilder builder = EmulatorApps.builder(emu).transport(transport);
    if (refreshInBackground) {
      builder.refreshExecutor(background);
    }
    return builder.build();
  }

  /**
   * Mints GitHub has answered. The emulator logs a request before its answer leaves, so a caller
   * holding the minted token always finds the mint here.
   */
  private long mintsAnswered() {
    return emu.requests().stream().filter(RecordedRequest::isMint).count();
  }

  @Test
  void token_thousandConcurrentCallersOnAColdKey_gitHubSeesOneMint() {
    TokenProvider tokens = app(false).tokenProvider(42, HELLO_WORLD);
    transport.hold();

    ConcurrentCallers<String> callers = ConcurrentCallers.start(1_000, tokens::token);
    callers.awaitAllParked(); // one holding the mint, 999 waiting for it
    assertThat(transport.mints()).isEqualTo(1);
    transport.release();

    assertThat(callers.awaitResults()).hasSize(1_000).containsOnly(tokens.token());
    assertThat(mintsAnswered()).isEqualTo(1);
    assertThat(transport.mints()).isEqualTo(1);
  }

  @Test
  void token_staleTokenWhileGitHubIsSlowToMintInTheBackground_servedWithoutWaiting() {
    TokenProvider tokens = app(true).tokenProvider(42, HELLO_WORLD);
    String first = tokens.token();
    emu.clock().advance(Duration.ofMinutes(47)); // 13 minutes left: inside the refresh margin
    transport.hold();

    assertThat(tokens.token()).isEqualTo(first); // starts the refresh on the background executor
    await().until(() -> transport.mints() == 2);

    // Were any of these to wait for the held mint, they would not finish (ConcurrentCallers gives
    // up, failing).
    List<String> served = ConcurrentCallers.start(100, tokens::token).awaitResults();

    assertThat(served).hasSize(100).containsOnly(first);
    assertThat(transport.mints()).as("one refresh, still held").isEqualTo(2);
    transport.release();
    await().until(() -> !tokens.token().equals(first));
    assertThat(mintsAnswered()).isEqualTo(2);
  }

  @Test
  void token_staleTokenWhileOneCallerPaysForASlowMint_otherCallersServedWithoutWaiting() {
    TokenProvider tokens = app(false).tokenProvider(42, HELLO_WORLD);
    String first = tokens.token();
    emu.clock().advance(Duration.ofMinutes(47));
    transport.hold();
    CompletableFuture<String> paid = CompletableFuture.supplyAsync(tokens::token, background);
    await().until(() -> transport.mints() == 2); // this caller won the refresh and pays for it

    List<String> served = ConcurrentCallers.start(100, tokens::token).awaitResults();

    assertThat(served).hasSize(100).containsOnly(first);
    assertThat(paid).isNotDone();
    transport.release();
    assertThat(paid.join()).isNotEqualTo(first);
    assertThat(transport.mints()).isEqualTo(2);
    assertThat(mintsAnswered()).isEqualTo(2);
  }
}
