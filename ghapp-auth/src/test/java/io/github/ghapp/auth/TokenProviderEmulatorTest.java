package io.github.ghapp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import io.github.ghapp.emulator.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The token cache against the emulator over real sockets: what GitHub sees when many callers ask at once,
 * and that callers holding a usable token do not wait while GitHub is slow to mint the next one.
 */
class TokenProviderEmulatorTest {
  private static final TokenRequest HELLO_WORLD = TokenRequest.builder().repositories("hello-world").build();
  /** Long enough that the checks made meanwhile (in-memory calls, microseconds) surely land inside it. */
  private static final Duration SLOW_MINT = Duration.ofSeconds(2);

  /** One emulator for the class; each test builds its own app, so no token is shared between tests. */
  @RegisterExtension
  static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  private GitHubEmulator emu;
  private final ExecutorService background = Executors.newSingleThreadExecutor();

  @BeforeEach
  void forgetEarlierRequests() {
    emu = github.emulator();
    emu.clearRequests();
  }

  @AfterEach
  void stopBackground() {
    background.shutdownNow();
  }

  private GitHubApp app(boolean refreshInBackground) {
    GitHubAppBuilder builder = GitHubApp.builder()
        .appId(1001)
        .privateKey(emu.app(1001).privateKeyPem())
        .baseUrl(emu.baseUrl())
        .clock(emu.clock());
    if (refreshInBackground) {
      builder.refreshExecutor(background);
    }
    return builder.build();
  }

  private long mints() {
    return emu.requests().stream().filter(RecordedRequest::isMint).count();
  }

  @Test
  void token_thousandConcurrentCallersOnAColdKey_gitHubSeesOneMint() throws Exception {
    TokenProvider tokens = app(false).tokenProvider(42, HELLO_WORLD);
    emu.faults().delayNext(1, Duration.ofMillis(500)); // keep the one mint open while the callers pile up
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<String>> callers = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      CompletableFuture<String> result = new CompletableFuture<>();
      Thread thread = new Thread(null, () -> {
        try {
          go.await();
          result.complete(tokens.token());
        } catch (Throwable t) {
          result.completeExceptionally(t);
        }
      }, "caller-" + i, 256 * 1024);
      thread.start();
      callers.add(result);
    }

    go.countDown();
    CompletableFuture.allOf(callers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

    assertThat(callers).extracting(CompletableFuture::join).hasSize(1_000).containsOnly(tokens.token());
    assertThat(mints()).isEqualTo(1);
  }

  @Test
  void token_staleTokenWhileGitHubIsSlowToMintInTheBackground_servedWithoutWaiting() {
    TokenProvider tokens = app(true).tokenProvider(42, HELLO_WORLD);
    String first = tokens.token();
    emu.clock().advance(Duration.ofMinutes(47)); // 13 minutes left: inside the refresh margin
    emu.faults().delayNext(1, SLOW_MINT);

    List<String> served = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      served.add(tokens.token());
    }

    assertThat(served).containsOnly(first);
    assertThat(mints()).as("the refresh is still held by the emulator").isEqualTo(1);
    await().atMost(Duration.ofSeconds(20)).until(() -> !tokens.token().equals(first));
    assertThat(mints()).isEqualTo(2);
  }

  @Test
  void token_staleTokenWhileOneCallerPaysForASlowMint_otherCallersServedWithoutWaiting() {
    TokenProvider tokens = app(false).tokenProvider(42, HELLO_WORLD);
    String first = tokens.token();
    emu.clock().advance(Duration.ofMinutes(47));
    emu.faults().delayNext(1, SLOW_MINT);
    CompletableFuture<String> paid = new CompletableFuture<>();
    Thread payer = new Thread(() -> paid.complete(tokens.token()), "payer");
    payer.start();
    // Parked means inside the mint's HTTP call: this caller won the refresh and pays for it.
    await().until(() -> payer.getState() == Thread.State.WAITING);

    List<String> served = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      served.add(tokens.token());
    }

    assertThat(served).containsOnly(first);
    assertThat(paid).isNotDone();
    assertThat(paid.join()).isNotEqualTo(first);
    assertThat(mints()).isEqualTo(2);
  }
}
