package io.github.ghapp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ghapp.auth.GitHubAppListener.RetryCause;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import io.github.ghapp.emulator.RecordedRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RetriesTest {
  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  @BeforeEach
  void resetEmulator() {
    github.emulator().faults().clear();
    github.emulator().clearRequests();
  }

  @Test
  void request_afterTwoBadGateways_succeedsOnTheThirdAttempt() {
    GitHubEmulator emu = github.emulator();
    GitHubApp app = EmulatorApps.app(emu);
    emu.faults().failNext(2, 502);
    emu.clearRequests();

    assertThat(app.installations().byId(42).id()).isEqualTo(42);

    assertThat(statuses(emu, "/app/installations/42")).containsExactly(502, 502, 200);
  }

  @Test
  void request_serverErrorsBeyondMaxAttempts_failsRetryableWithTheStatus() {
    GitHubEmulator emu = github.emulator();
    GitHubApp app =
        EmulatorApps.builder(emu).maxAttempts(3).retryBackoff(Duration.ofMillis(1)).build();
    emu.faults().failNext(5, 503);
    emu.clearRequests();

    assertThatThrownBy(() -> app.createToken(42))
        .isInstanceOf(ServerErrorException.class)
        .satisfies(e -> assertThat(((GitHubException) e).status()).isEqualTo(503))
        .satisfies(e -> assertThat(((GitHubException) e).isRetryable()).isTrue());
    assertThat(statuses(emu, "/app/installations/42/access_tokens")).containsExactly(503, 503, 503);
  }

  @Test
  void request_connectionRefused_isTransportExceptionAfterEveryAttempt() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    GitHubApp app =
        GitHubApp.builder()
            .appId(1001)
            .privateKey(TestKeys.rsa().getPrivate())
            .baseUrl("http://127.0.0.1:" + closedPort)
            .maxAttempts(2)
            .retryBackoff(Duration.ofMillis(1))
            .build();

    assertThatThrownBy(() -> app.createToken(42))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("got no answer from 127.0.0.1:" + closedPort)
        .hasMessageContaining("2 attempt(s)")
        .hasCauseInstanceOf(IOException.class)
        .satisfies(e -> assertThat(((GitHubException) e).status()).isZero());
  }

  @Test
  void request_toAServerWhoseCertificateIsNotTrusted_failsAtOnceSayingSo() {
    // Regression: an untrusted certificate was tried four times, then reported as "got no answer
    // ... Check the network", which sends the user looking in the wrong place.
    List<Integer> retries = new CopyOnWriteArrayList<>();
    try (GitHubEmulator https = GitHubEmulator.builder().demoState().tls().build().start()) {
      GitHubApp app =
          GitHubApp.builder()
              .appId(1001)
              .privateKey(TestKeys.rsa().getPrivate())
              .baseUrl(https.baseUrl())
              .maxAttempts(3)
              .retryBackoff(Duration.ofMillis(1))
              .listener(
                  new GitHubAppListener() {
                    @Override
                    public void requestRetried(
                        String method, String route, RetryCause cause, int attempt, Duration wait) {
                      retries.add(attempt);
                    }
                  })
              .build();

      assertThatThrownBy(() -> app.createToken(42))
          .isInstanceOf(TransportException.class)
          .hasMessageContaining("could not trust the TLS certificate of 127.0.0.1:" + https.port())
          .hasMessageContaining("javax.net.ssl.trustStore")
          .hasRootCauseInstanceOf(java.security.cert.CertPathBuilderException.class);
    }
    assertThat(retries).as("no retry").isEmpty();
  }

  @Test
  void request_noAnswerWithinTheDeadline_isTransportExceptionOnceTheDeadlinePasses()
      throws IOException {
    // The kernel completes the connection (backlog) but nobody reads the request: an answer never
    // comes, so only the deadline can end the call, whatever the machine's speed.
    try (ServerSocket silent = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      GitHubApp app =
          GitHubApp.builder()
              .appId(1001)
              .privateKey(TestKeys.rsa().getPrivate())
              .baseUrl("http://127.0.0.1:" + silent.getLocalPort())
              .deadline(Duration.ofMillis(300))
              .build();

      assertThatThrownBy(() -> app.installations().byId(42))
          .isInstanceOf(TransportException.class)
          .hasMessageContaining("got no answer from 127.0.0.1:" + silent.getLocalPort())
          .satisfies(e -> assertThat(((GitHubException) e).isRetryable()).isTrue());
    }
  }

  @Test
  void request_newTokenNotYetReplicated_isRetriedWithoutMintingAgain() {
    GitHubEmulator emu = github.emulator();
    GitHubApp app = EmulatorApps.app(emu);
    emu.faults().replicationLag(Duration.ofSeconds(1));
    emu.clearRequests();

    JsonAssert.names(app.installationClient(42).paginate("GET /installation/repositories"))
        .containsExactlyInAnyOrder("hello-world", "docs");

    assertThat(mints(emu)).isEqualTo(1);
    assertThat(statuses(emu, "/installation/repositories")).contains(401).endsWith(200);
  }

  @Test
  void request_cachedTokenRevokedBehindOurBack_isDroppedAndReplacedOnce() {
    GitHubEmulator emu = github.emulator();
    GitHubApp app = EmulatorApps.app(emu);
    GitHubClient gh = app.installationClient(42);
    gh.request("GET /installation/repositories");
    String old = app.tokenProvider(42).token();
    assertThat(EmulatorApps.send(emu, "DELETE", "/installation/token", old)).isEqualTo(204);
    emu.clock()
        .advance(Duration.ofMinutes(1)); // long past any replication lag: the token is really gone

    gh.request("GET /installation/repositories");

    assertThat(mints(emu)).isEqualTo(2);
    assertThat(app.tokenProvider(42).token()).isNotEqualTo(old);
  }

  @Test
  void request_tokenRevokedMomentsAfterItsMint_failsOnce_andTheNextCallMintsAnew() {
    // Regression (fault soak): a token revoked within seconds of its mint was taken for one not
    // yet replicated, and every call for the rest of the replication window waited on it until
    // its deadline and failed with 401.
    GitHubEmulator emu = github.emulator();
    GitHubApp app = EmulatorApps.builder(emu).retryBackoff(Duration.ofMillis(1)).build();
    GitHubClient gh = app.installationClient(42);
    String revoked = app.tokenProvider(42).token();
    assertThat(EmulatorApps.send(emu, "DELETE", "/installation/token", revoked)).isEqualTo(204);

    assertThatThrownBy(() -> gh.request("GET /installation/repositories"))
        .isInstanceOf(BadCredentialsException.class);

    assertThat(gh.request("GET /installation/repositories").path("total_count").asInt())
        .isEqualTo(2);
    assertThat(app.tokenProvider(42).token()).isNotEqualTo(revoked);
    assertThat(mints(emu)).isEqualTo(2);
  }

  /** Statuses answered on {@code path}, leaving out the mints and look-ups that led up to them. */
  private static List<Integer> statuses(GitHubEmulator emu, String path) {
    return emu.requests().stream()
        .filter(r -> r.path().equals(path))
        .map(RecordedRequest::status)
        .toList();
  }

  private static long mints(GitHubEmulator emu) {
    return emu.requests().stream().filter(RecordedRequest::isMint).count();
  }
}
