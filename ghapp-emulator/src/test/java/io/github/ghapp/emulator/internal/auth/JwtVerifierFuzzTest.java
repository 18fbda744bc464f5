package io.github.ghapp.emulator.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghapp.emulator.internal.http.ApiException;
import io.github.ghapp.emulator.internal.state.App;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import io.github.ghapp.emulator.internal.state.GitRepositories;
import io.github.ghapp.emulator.internal.state.Pem;
import io.github.ghapp.emulator.internal.state.StateLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The emulator's check of an App JWT answers every string with the app that signed it or GitHub's
 * error ({@link ApiException}: 401, or 404 for an unknown issuer), and accepts only a JWT that app
 * signed with RS256 whose {@code iat} is not in the future and whose {@code exp} is in the next 10
 * minutes. An input whose first byte is odd is a header and a payload (JSON, a line apart) that the
 * test signs with the app's key, so that the time and issuer checks are fuzzed too; an even one is
 * the JWT itself.
 *
 * <p>Corpus: {@code
 * src/test/resources/io/github/ghapp/emulator/internal/auth/JwtVerifierFuzzTestInputs/}; the app's
 * key ({@code fuzz-app.pem} beside it) was generated for these tests and signs nothing else.
 */
class JwtVerifierFuzzTest {
  /** The corpus's JWTs are valid at this moment, whenever the test runs. */
  static final Instant NOW = Instant.parse("2024-11-25T00:00:00Z");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private static Path keys;
  private static JwtVerifier verifier;
  private static RSAPrivateKey key;
  private static RSAPublicKey publicKey;

  @BeforeAll
  static void app() throws IOException {
    keys = Files.createTempDirectory("ghapp-jwt-fuzz");
    String pem;
    try (InputStream in = JwtVerifierFuzzTest.class.getResourceAsStream("fuzz-app.pem")) {
      pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
    Files.writeString(keys.resolve("fuzz-app.pem"), pem);
    EmulatorState state = new EmulatorState(new GitRepositories(keys.resolve("git")), () -> NOW);
    new StateLoader(state, keys, () -> NOW)
        .loadText(
            "apps: [{id: 1001, slug: fuzz-app, client_id: Iv23liFuzz, private_key_file:"
                + " fuzz-app.pem}]");
    verifier = new JwtVerifier(state);
    key = Pem.parsePrivateKey(pem);
    publicKey = Pem.publicKeyOf((RSAPrivateCrtKey) key);
  }

  @AfterAll
  static void removeKeys() throws IOException {
    try (Stream<Path> files = Files.walk(keys)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @FuzzTest(maxDuration = "90s")
  void verify_anyJwt_givesTheSigningAppOrGitHubsError(byte[] input) throws Exception {
    if (input.length == 0) {
      return;
    }
    String rest = new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
    boolean signedHere = (input[0] & 1) == 1;
    String jwt = signedHere ? sign(rest) : rest;

    App app;
    try {
      app = verifier.verify(jwt, NOW);
    } catch (ApiException refused) {
      assertThat(refused.status()).isIn(401, 404);
      return;
    }
    assertThat(app.id()).isEqualTo(1001);
    assertThat(signedByTheAppsKey(jwt)).as("accepted a JWT the app never signed").isTrue();
    assertValidClaims(jwt);
  }

  /** Checked with the JDK, not nimbus: header.payload signed RS256 with the app's key. */
  private static boolean signedByTheAppsKey(String jwt) throws GeneralSecurityException {
    int lastDot = jwt.lastIndexOf('.');
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initVerify(publicKey);
    s.update(jwt.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
    return s.verify(Base64.getUrlDecoder().decode(jwt.substring(lastDot + 1)));
  }

  /** What an accepted JWT must be, read independently of nimbus: RS256, iat and exp in range. */
  private static void assertValidClaims(String jwt) throws IOException {
    String[] parts = jwt.split("\\.", -1);
    JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
    JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    assertThat(header.path("alg").asText()).isEqualTo("RS256");
    long now = NOW.getEpochSecond();
    assertThat(claims.path("iat").asLong()).isLessThanOrEqualTo(now);
    assertThat(claims.path("exp").asLong()).isGreaterThan(now).isLessThanOrEqualTo(now + 600);
  }

  private static String sign(String headerAndPayload) throws GeneralSecurityException {
    int newline = headerAndPayload.indexOf('\n');
    String header = newline < 0 ? headerAndPayload : headerAndPayload.substring(0, newline);
    String payload = newline < 0 ? "" : headerAndPayload.substring(newline + 1);
    String content =
        B64URL.encodeToString(header.getBytes(StandardCharsets.UTF_8))
            + "."
            + B64URL.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initSign(key);
    s.update(content.getBytes(StandardCharsets.US_ASCII));
    return content + "." + B64URL.encodeToString(s.sign());
  }
}
