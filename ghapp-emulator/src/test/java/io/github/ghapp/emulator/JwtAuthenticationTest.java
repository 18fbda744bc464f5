package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GITHUB-FACTS.md section 2: every way GitHub accepts or refuses an app's JWT, with its exact
 * message.
 */
class JwtAuthenticationTest {

  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  private Http api() {
    return Http.at(github.baseUrl());
  }

  private String pem() {
    return github.app(1001).privateKeyPem();
  }

  private Instant now() {
    return github.emulator().clock().instant();
  }

  private Http.Reply getApp(String jwt) {
    return api().bearer(jwt).get("/app");
  }

  @Test
  void getApp_issuerAsIntegerAppId_answersTheApp() {
    Http.Reply reply = getApp(Jwts.forApp(pem(), 1001, now()));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json.get("id").asLong()).isEqualTo(1001);
    assertThat(reply.json.get("slug").asText()).isEqualTo("octo-app");
    assertThat(reply.json.get("client_id").asText()).isEqualTo("Iv23liDemo");
  }

  @Test
  void getApp_issuerAsNumericString_answersTheApp() {
    assertThat(getApp(Jwts.forApp(pem(), "1001", now())).status()).isEqualTo(200);
  }

  @Test
  void getApp_issuerAsClientId_answersTheApp() {
    assertThat(getApp(Jwts.forApp(pem(), "Iv23liDemo", now())).status()).isEqualTo(200);
  }

  @Test
  void getApp_expInExactlyTenMinutes_isAccepted() {
    Instant now = now();
    String jwt =
        Jwts.sign(
            pem(),
            Map.of("iss", 1001, "iat", now.getEpochSecond(), "exp", now.getEpochSecond() + 600));

    assertThat(getApp(jwt).status()).isEqualTo(200);
  }

  @Test
  void getApp_expMoreThanTenMinutesAhead_isRefusedAsTooFarInTheFuture() {
    Instant now = now();
    String jwt =
        Jwts.sign(
            pem(),
            Map.of(
                "iss", 1001, "iat", now.getEpochSecond() - 60, "exp", now.getEpochSecond() + 660));

    assertRefused(getApp(jwt), 401, "'Expiration time' claim ('exp') is too far in the future");
  }

  @Test
  void getApp_expiredJwt_isRefusedWithTheExpirationMessage() {
    Instant now = now();
    String jwt =
        Jwts.sign(
            pem(),
            Map.of(
                "iss", 1001, "iat", now.getEpochSecond() - 700, "exp", now.getEpochSecond() - 100));

    assertRefused(
        getApp(jwt),
        401,
        "'Expiration time' claim ('exp') must be a numeric value representing the "
            + "future time at which the assertion expires");
  }

  @Test
  void getApp_expNotANumber_isRefusedWithTheExpirationMessage() {
    Instant now = now();
    String jwt = Jwts.sign(pem(), Map.of("iss", 1001, "iat", now.getEpochSecond(), "exp", "soon"));

    assertRefused(
        getApp(jwt),
        401,
        "'Expiration time' claim ('exp') must be a numeric value representing the "
            + "future time at which the assertion expires");
  }

  @Test
  void getApp_iatInTheFuture_isRefusedWithTheIssuedAtMessage() {
    Instant now = now();
    String jwt =
        Jwts.sign(
            pem(),
            Map.of(
                "iss", 1001, "iat", now.getEpochSecond() + 30, "exp", now.getEpochSecond() + 300));

    assertRefused(
        getApp(jwt),
        401,
        "'Issued at' claim ('iat') must be an Integer representing the time that the "
            + "assertion was issued");
  }

  @Test
  void getApp_missingIat_isRefusedWithTheIssuedAtMessage() {
    String jwt = Jwts.sign(pem(), Map.of("iss", 1001, "exp", now().getEpochSecond() + 300));

    assertRefused(
        getApp(jwt),
        401,
        "'Issued at' claim ('iat') must be an Integer representing the time that the "
            + "assertion was issued");
  }

  @Test
  void getApp_unknownIssuer_isIntegrationNotFound404() {
    assertRefused(getApp(Jwts.forApp(pem(), 999_999, now())), 404, "Integration not found");
    assertRefused(getApp(Jwts.forApp(pem(), "Iv23liNobody", now())), 404, "Integration not found");
  }

  @Test
  void getApp_signedWithAnotherKey_couldNotBeDecoded() {
    String strangerPem =
        io.github.ghapp.emulator.internal.state.StateLoader.generatedKey().privateKeyPem();

    assertRefused(
        getApp(Jwts.forApp(strangerPem, 1001, now())),
        401,
        "A JSON web token could not be decoded");
  }

  @Test
  void getApp_algNone_couldNotBeDecoded() {
    Instant now = now();
    String jwt = new PlainJWT(claims(now)).serialize();

    assertRefused(getApp(jwt), 401, "A JSON web token could not be decoded");
  }

  @Test
  void getApp_hs256_couldNotBeDecoded() throws JOSEException {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(now()));
    jwt.sign(new MACSigner("a shared secret that is long enough for HS256!"));

    assertRefused(getApp(jwt.serialize()), 401, "A JSON web token could not be decoded");
  }

  @Test
  void getApp_rs512WithTheAppsKey_couldNotBeDecoded() {
    Instant now = now();
    String jwt =
        Jwts.sign(
            pem(),
            JWSAlgorithm.RS512,
            Map.of(
                "iss", 1001, "iat", now.getEpochSecond() - 60, "exp", now.getEpochSecond() + 300));

    assertRefused(getApp(jwt), 401, "A JSON web token could not be decoded");
  }

  @Test
  void getApp_garbageBearer_isBadCredentials() {
    assertRefused(getApp("not.a.jwt"), 401, "A JSON web token could not be decoded");
    assertRefused(getApp("nonsense"), 401, "Bad credentials");
  }

  @Test
  void getApp_jwtWithTokenScheme_isRefused() {
    Http.Reply reply = api().token(Jwts.forApp(pem(), 1001, now())).get("/app");

    assertRefused(reply, 401, "Bad credentials");
  }

  @Test
  void getApp_installationToken_couldNotBeDecoded() {
    String token = Tokens.mint(github.emulator(), 42, "{}");

    assertRefused(api().bearer(token).get("/app"), 401, "A JSON web token could not be decoded");
    assertRefused(
        api().token(token).get("/app/installations"), 401, "A JSON web token could not be decoded");
  }

  @Test
  void getApp_noCredential_requiresAuthentication() {
    assertRefused(api().get("/app"), 401, "Requires authentication");
  }

  @Test
  void getApp_afterTheClockMoves_aPreviouslyValidJwtExpires() {
    String jwt = Jwts.forApp(pem(), 1001, now());
    assertThat(getApp(jwt).status()).isEqualTo(200);

    github.emulator().clock().advance(Duration.ofMinutes(10));
    try {
      assertThat(getApp(jwt).message()).startsWith("'Expiration time' claim ('exp') must be");
    } finally {
      github.emulator().clock().advance(Duration.ofMinutes(-10));
    }
  }

  @Test
  void addKey_bothKeysSignUntilTheOldOneIsRemoved() {
    EmulatedApp app = github.app(1001);
    String oldPem = app.privateKeyPem();
    String newPem = app.addKey();

    assertThat(getApp(Jwts.forApp(newPem, 1001, now())).status()).isEqualTo(200);
    assertThat(getApp(Jwts.forApp(oldPem, 1001, now())).status()).isEqualTo(200);

    app.removeKey(oldPem);

    assertThat(getApp(Jwts.forApp(newPem, 1001, now())).status()).isEqualTo(200);
    assertRefused(
        getApp(Jwts.forApp(oldPem, 1001, now())), 401, "A JSON web token could not be decoded");
    assertThat(app.privateKeyPem()).isEqualTo(newPem);
  }

  private static JWTClaimsSet claims(Instant now) {
    return new JWTClaimsSet.Builder()
        .claim("iss", 1001)
        .claim("iat", now.getEpochSecond() - 60)
        .claim("exp", now.getEpochSecond() + 300)
        .build();
  }

  static void assertRefused(Http.Reply reply, int status, String message) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.message()).isEqualTo(message);
    assertThat(reply.json.get("documentation_url").asText()).startsWith("https://docs.github.com/");
  }
}
