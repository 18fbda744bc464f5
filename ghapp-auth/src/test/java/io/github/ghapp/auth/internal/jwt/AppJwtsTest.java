package io.github.ghapp.auth.internal.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ghapp.auth.JwtSigner;
import io.github.ghapp.auth.TestKeys;
import io.github.ghapp.auth.internal.http.Json;
import io.github.ghapp.emulator.EmulatorClock;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class AppJwtsTest {
  private static final KeyPair KEY = TestKeys.rsa();
  private static final KeyPair OTHER_KEY = TestKeys.rsa();
  private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

  private final EmulatorClock clock = EmulatorClock.stoppedAt(NOW);

  @Test
  void current_signsRs256ThatTheJdkVerifiesWithThePublicKey() throws Exception {
    AppJwts jwts = new AppJwts("\"Iv23liDemo\"", List.of(JwtSigner.of(KEY.getPrivate())), clock);

    String jwt = jwts.current().jwt();

    assertThat(verifies(jwt, KEY.getPublic())).isTrue();
    assertThat(verifies(jwt, OTHER_KEY.getPublic())).isFalse();
  }

  @Test
  void current_headerIsRs256Jwt() throws Exception {
    String jwt =
        new AppJwts("1001", List.of(JwtSigner.of(KEY.getPrivate())), clock).current().jwt();

    JsonNode header = part(jwt, 0);
    assertThat(header.path("alg").asText()).isEqualTo("RS256");
    assertThat(header.path("typ").asText()).isEqualTo("JWT");
    assertThat(header.size()).isEqualTo(2);
  }

  @Test
  void current_claimsAreBackdatedIatAndExpUnderTenMinutes() throws Exception {
    String jwt =
        new AppJwts("\"Iv23liDemo\"", List.of(JwtSigner.of(KEY.getPrivate())), clock)
            .current()
            .jwt();

    JsonNode claims = part(jwt, 1);
    assertThat(claims.path("iat").asLong()).isEqualTo(NOW.getEpochSecond() - 60);
    // exp 9 minutes ahead: inside GitHub's 10 minutes with a minute to spare for residual skew, and
    // no more than 10 minutes after iat either, whichever of the two GitHub measures from.
    assertThat(claims.path("exp").asLong())
        .isEqualTo(NOW.plus(Duration.ofMinutes(9)).getEpochSecond());
    assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isLessThanOrEqualTo(600);
    assertThat(claims.path("iss").isTextual()).isTrue();
    assertThat(claims.path("iss").asText()).isEqualTo("Iv23liDemo");
  }

  @Test
  void current_withAppId_issuerIsAnInteger() throws Exception {
    String jwt =
        new AppJwts("1001", List.of(JwtSigner.of(KEY.getPrivate())), clock).current().jwt();

    JsonNode iss = part(jwt, 1).path("iss");
    assertThat(iss.isIntegralNumber()).isTrue();
    assertThat(iss.asLong()).isEqualTo(1001);
  }

  @Test
  void current_withinReuseWindow_returnsTheSameJwt() {
    AppJwts jwts = new AppJwts("1001", List.of(JwtSigner.of(KEY.getPrivate())), clock);
    String first = jwts.current().jwt();

    clock.advance(Duration.ofMinutes(6));

    assertThat(jwts.current().jwt()).isSameAs(first);
  }

  @Test
  void current_nearExpiry_signsANewJwt() {
    AppJwts jwts = new AppJwts("1001", List.of(JwtSigner.of(KEY.getPrivate())), clock);
    String first = jwts.current().jwt();

    clock.advance(Duration.ofMinutes(7).plusSeconds(1));

    assertThat(jwts.current().jwt()).isNotEqualTo(first);
  }

  @Test
  void rotateFrom_theFailedKey_signsWithTheNextKey() throws Exception {
    AppJwts jwts =
        new AppJwts(
            "1001",
            List.of(JwtSigner.of(OTHER_KEY.getPrivate()), JwtSigner.of(KEY.getPrivate())),
            clock);
    AppJwts.Signed first = jwts.current();

    jwts.rotateFrom(first.signer());

    AppJwts.Signed second = jwts.current();
    assertThat(second.signer()).isEqualTo(1);
    assertThat(verifies(second.jwt(), KEY.getPublic())).isTrue();
  }

  @Test
  void rotateFrom_reportedTwiceForTheSameKey_movesOnlyOnce() {
    AppJwts jwts =
        new AppJwts(
            "1001",
            List.of(
                JwtSigner.of(OTHER_KEY.getPrivate()),
                JwtSigner.of(KEY.getPrivate()),
                JwtSigner.of(TestKeys.rsa().getPrivate())),
            clock);

    jwts.rotateFrom(0);
    jwts.rotateFrom(0);

    assertThat(jwts.current().signer()).isEqualTo(1);
  }

  @Test
  void learnServerTime_forced_shiftsClaimsToGitHubsClock() throws Exception {
    AppJwts jwts = new AppJwts("1001", List.of(JwtSigner.of(KEY.getPrivate())), clock);
    String before = jwts.current().jwt();
    Instant server = NOW.minus(Duration.ofMinutes(5));

    assertThat(jwts.learnServerTime(server, true)).isTrue();

    String after = jwts.current().jwt();
    assertThat(after).isNotEqualTo(before);
    assertThat(part(after, 1).path("iat").asLong()).isEqualTo(server.getEpochSecond() - 60);
    assertThat(jwts.offset()).isEqualTo(Duration.ofMinutes(-5));
  }

  @Test
  void learnServerTime_unforcedSmallDifference_isIgnoredAsNoise() {
    AppJwts jwts = new AppJwts("1001", List.of(JwtSigner.of(KEY.getPrivate())), clock);

    assertThat(jwts.learnServerTime(NOW.plusSeconds(2), false)).isFalse();
    assertThat(jwts.offset()).isZero();
  }

  @Test
  void learnServerTime_unforcedLargeDifference_isAdopted() {
    AppJwts jwts = new AppJwts("1001", List.of(JwtSigner.of(KEY.getPrivate())), clock);

    assertThat(jwts.learnServerTime(NOW.plus(Duration.ofMinutes(5)), false)).isTrue();
    assertThat(jwts.clock().instant()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
  }

  @Test
  void learnServerTime_answerLongOnItsWay_keepsTheOffsetItFits() {
    // Regression (fault soak): the offset was learned against the moment the answer arrived, so an
    // answer 20 minutes on its way (or the clock moving while it was) taught "GitHub is 20 minutes
    // behind", and tokens already expired at GitHub were handed out as valid.
    AppJwts jwts = new AppJwts("1001", List.of(JwtSigner.of(KEY.getPrivate())), clock);
    Instant sent = jwts.localNow();
    clock.advance(Duration.ofMinutes(20));

    assertThat(jwts.learnServerTime(NOW, sent, false)).isFalse();
    assertThat(jwts.offset()).isZero();
  }

  @Test
  void learnServerTime_answerLongOnItsWay_movesAWrongOffsetOnlyToTheNearerEndOfWhatItAllows() {
    AppJwts jwts = new AppJwts("1001", List.of(JwtSigner.of(KEY.getPrivate())), clock);
    Instant sent = jwts.localNow();
    clock.advance(Duration.ofMinutes(2));

    // Written between the send and now, 10 minutes ahead: the offset is 8 to 10 minutes (+1 s).
    assertThat(jwts.learnServerTime(NOW.plus(Duration.ofMinutes(10)), sent, false)).isTrue();
    assertThat(jwts.offset()).isEqualTo(Duration.ofMinutes(8));
  }

  @Test
  void learnServerTime_answerToARequestSentBeforeTheOneThatTaught_isIgnored() {
    // Regression (fault soak): after GitHub's clock jumped, answers written before the jump still
    // arrived and set the offset back, so that tokens expired at GitHub were handed out as valid.
    AppJwts jwts = new AppJwts("1001", List.of(JwtSigner.of(KEY.getPrivate())), clock);
    Instant early = jwts.localNow();
    clock.advance(Duration.ofSeconds(1));
    Instant late = jwts.localNow();
    clock.advance(Duration.ofSeconds(1));
    assertThat(jwts.learnServerTime(NOW.plus(Duration.ofMinutes(10)), late, false)).isTrue();

    assertThat(jwts.learnServerTime(NOW.plusSeconds(1), early, false)).isFalse();
    assertThat(jwts.learnServerTime(NOW.plusSeconds(1), early, true)).isFalse();
    assertThat(jwts.offset())
        .isBetween(Duration.ofMinutes(10).minusSeconds(2), Duration.ofMinutes(10));
  }

  @Test
  void current_afterACorrectionWhileAnotherThreadSigned_signsAgainOnTheCorrectedClock()
      throws Exception {
    // Regression (fault soak under load): a JWT signed on the old offset was stored after the
    // correction and reused for minutes, so every retry GitHub refused said "still refused".
    CountDownLatch signing = new CountDownLatch(1);
    CountDownLatch corrected = new CountDownLatch(1);
    AtomicBoolean first = new AtomicBoolean(true);
    JwtSigner key = JwtSigner.of(KEY.getPrivate());
    JwtSigner slowOnce =
        content -> {
          if (first.getAndSet(false)) {
            signing.countDown();
            awaitUninterruptibly(corrected);
          }
          return key.sign(content);
        };
    AppJwts jwts = new AppJwts("1001", List.of(slowOnce), clock);
    Instant server = NOW.minus(Duration.ofMinutes(3));
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      Future<AppJwts.Signed> signedOnTheOldOffset = other.submit(jwts::current);
      signing.await();
      assertThat(jwts.learnServerTime(server, true)).isTrue();
      corrected.countDown();
      signedOnTheOldOffset.get();
    } finally {
      other.shutdown();
    }

    assertThat(part(jwts.current().jwt(), 1).path("iat").asLong())
        .isEqualTo(server.getEpochSecond() - 60);
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void signed_toString_hidesTheJwt() {
    AppJwts.Signed signed =
        new AppJwts("1001", List.of(JwtSigner.of(KEY.getPrivate())), clock).current();

    assertThat(signed.toString())
        .doesNotContain(signed.jwt())
        .doesNotContain(signed.jwt().split("\\.")[2]);
  }

  @Test
  void describe_namesTheKeyByFingerprintOnly() {
    String described = JwtSigner.of(KEY.getPrivate()).describe();

    assertThat(described).startsWith("RSA key SHA256:");
    assertThat(described)
        .doesNotContain(
            Base64.getEncoder().encodeToString(KEY.getPrivate().getEncoded()).substring(40, 60));
  }

  static boolean verifies(String jwt, PublicKey key) throws Exception {
    String[] parts = jwt.split("\\.");
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initVerify(key);
    s.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    return s.verify(Base64.getUrlDecoder().decode(parts[2]));
  }

  static JsonNode part(String jwt, int index) throws Exception {
    return Json.mapper().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]));
  }
}
