package io.github.ghapp.auth.internal.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.ghapp.auth.PrivateKeyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Whatever a user gives as the app's key (PEM text, base64, DER, a file), ghapp returns a key that
 * signs or throws {@link PrivateKeyException}, the one error its builder documents for a bad key,
 * and the message never echoes what may be key material. The three entries are {@code
 * privateKey(String)} (PemKeys.parse), {@code privateKey(Path)} (PemFile) and the DER reader.
 *
 * <p>Corpus: {@code src/test/resources/io/github/ghapp/auth/internal/jwt/PemKeysFuzzTestInputs/};
 * the keys in it were generated for these tests and sign nothing.
 */
class PemKeysFuzzTest {
  /** A run of base64 this long in a message can only have come from the input. */
  private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+]{40,}");

  private static Path file;

  @BeforeAll
  static void createFile() throws IOException {
    file = Files.createTempFile("ghapp-fuzz", ".pem");
  }

  @AfterAll
  static void deleteFile() throws IOException {
    Files.deleteIfExists(file);
  }

  @FuzzTest(maxDuration = "90s")
  void parse_anyText_givesASigningKeyOrPrivateKeyException(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);

    check(text, () -> PemKeys.parse(text));
  }

  @FuzzTest(maxDuration = "90s")
  void read_anyFile_givesASigningKeyOrPrivateKeyException(byte[] input) throws IOException {
    Files.write(file, input);

    check(new String(input, StandardCharsets.UTF_8), () -> PemKeys.read(file));
  }

  @FuzzTest(maxDuration = "90s")
  void fromDer_anyBytes_givesASigningKeyOrPrivateKeyException(byte[] input) {
    check(new String(input, StandardCharsets.ISO_8859_1), () -> PemKeys.fromDer(input, "DER"));
  }

  private static void check(String given, Supplier<RSAPrivateKey> read) {
    RSAPrivateKey key;
    try {
      key = read.get();
    } catch (PrivateKeyException e) {
      Matcher run = BASE64_RUN.matcher(e.getMessage());
      while (run.find()) {
        // PEM labels ([A-Z0-9 ]) are armour, named on purpose; key base64 mixes cases.
        String r = run.group();
        if (PemKeys.holdsBase64(r) && !r.equals(r.toUpperCase(Locale.ROOT))) {
          assertThat(given).as("echoed in '%s'", e.getMessage()).doesNotContain(run.group());
        }
      }
      return;
    }
    assertThat(signs(key)).as("a key accepted that cannot sign").isTrue();
  }

  private static boolean signs(RSAPrivateKey key) {
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(key);
      s.update(new byte[] {1});
      return s.sign().length > 0;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
