package io.github.ghapp.emulator;

import static io.github.ghapp.emulator.JwtAuthenticationTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The injected faults of the contract: 5xx, delays, replication lag, clock offset, and clearing
 * them.
 */
class FaultsTest {

  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  private Http api() {
    return Http.at(github.baseUrl());
  }

  private Faults faults() {
    return github.emulator().faults();
  }

  @Test
  void failNext_answersThatManyRequestsWithThe5xx_thenServesAgain() {
    faults().failNext(2, 502);

    Http.Reply first = api().get("/meta");
    Http.Reply second = api().get("/meta");
    Http.Reply third = api().get("/meta");

    assertRefused(first, 502, "Server Error");
    assertThat(second.status()).isEqualTo(502);
    assertThat(third.status()).isEqualTo(200);
  }

  @Test
  void failNext_hitsEvenAValidMint_andIsLogged() {
    GitHubEmulator emu = github.emulator();
    emu.clearRequests();
    faults().failNext(1, 503);

    assertThat(Tokens.mintReply(emu, 42, "{}").status()).isEqualTo(503);

    RecordedRequest logged = emu.requests().get(0);
    assertThat(logged.status()).isEqualTo(503);
    assertThat(logged.credential()).isEqualTo(CredentialKind.JWT);
    assertThat(logged.isMint()).isFalse();
  }

  @Test
  void failNext_refusesStatusesThatAreNot5xx() {
    assertThatThrownBy(() -> faults().failNext(1, 404))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("5xx");
  }

  @Test
  void delayNext_holdsTheRequestAtLeastThatLong() {
    faults().delayNext(1, Duration.ofMillis(300));

    long start = System.nanoTime();
    Http.Reply reply = api().get("/meta");
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

    // Only a lower bound, which cannot flake: the server thread slept at least the delay.
    assertThat(reply.status()).isEqualTo(200);
    assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void replicationLag_refusesANewTokenUntilItIsOldEnough() {
    faults().replicationLag(Duration.ofSeconds(3));
    String token = Tokens.mint(github.emulator(), 42, "{}");

    assertRefused(api().token(token).get("/installation/repositories"), 401, "Bad credentials");

    github.emulator().clock().advance(Duration.ofSeconds(3));
    assertThat(api().token(token).get("/installation/repositories").status()).isEqualTo(200);
  }

  @Test
  void clockOffsetAhead_makesAClientsFreshJwtLookExpired() {
    faults().clockOffset(Duration.ofMinutes(15));

    Http.Reply reply = api().bearer(Tokens.jwt(github.emulator(), 1001)).get("/app");

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.message())
        .startsWith("'Expiration time' claim ('exp') must be a numeric value");
  }

  @Test
  void clockOffsetBehind_makesAClientsIatLieInTheFuture() {
    faults().clockOffset(Duration.ofMinutes(-5));

    Http.Reply reply = api().bearer(Tokens.jwt(github.emulator(), 1001)).get("/app");

    assertThat(reply.message()).startsWith("'Issued at' claim ('iat')");
  }

  @Test
  void clockOffset_expiresTokensEarlyAsSeenByTheClient() {
    String token = Tokens.mint(github.emulator(), 42, "{}");
    faults().clockOffset(Duration.ofMinutes(61));

    assertRefused(api().token(token).get("/installation/repositories"), 401, "Bad credentials");
  }

  @Test
  void resetNext_dropsThatManyConnectionsWithoutAnAnswer_thenServesAgain() throws Exception {
    faults().resetNext(2);

    for (int i = 0; i < 2; i++) {
      try (RawHttp http = RawHttp.connect(github.emulator().port())) {
        http.head("GET /meta HTTP/1.1", "Host: 127.0.0.1:" + github.emulator().port());
        // A reset or an end of stream, never a status line.
        assertThatThrownBy(http::answer).hasRootCauseInstanceOf(java.io.IOException.class);
      }
    }
    assertThat(api().get("/meta").status()).isEqualTo(200);
  }

  @Test
  void resetNext_isNotLogged_andClearRemovesIt() {
    GitHubEmulator emu = github.emulator();
    emu.clearRequests();
    faults().resetNext(3).clear();

    assertThat(api().get("/meta").status()).isEqualTo(200);
    assertThat(emu.requests()).hasSize(1);
  }

  @Test
  void resetNext_refusesANegativeCount() {
    assertThatThrownBy(() -> faults().resetNext(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
  }

  @Test
  void clear_removesEveryFault() {
    faults().failNext(5, 500).replicationLag(Duration.ofHours(1)).clockOffset(Duration.ofHours(2));

    faults().clear();

    String token = Tokens.mint(github.emulator(), 42, "{}");
    assertThat(api().token(token).get("/installation/repositories").status()).isEqualTo(200);
  }
}
