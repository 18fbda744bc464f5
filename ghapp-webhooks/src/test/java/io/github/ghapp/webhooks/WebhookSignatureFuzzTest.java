package io.github.ghapp.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * {@code X-Hub-Signature-256} verifies exactly when it is {@code sha256=} and the HMAC of the body
 * it came with (case aside), never for another body or a mangled header, and never throws. The
 * fuzzer cannot compute HMACs, so besides a raw header each input also tries the body's own
 * signature, altered or made over a neighbouring body.
 *
 * <p>Corpus: {@code src/test/resources/io/github/ghapp/webhooks/WebhookSignatureFuzzTestInputs/}.
 */
class WebhookSignatureFuzzTest {

  @FuzzTest(maxDuration = "90s")
  void verify_anyHeaderAndBody_acceptsOnlyTheBodysOwnSignature(FuzzedDataProvider data) {
    String secret = data.consumeString(40);
    if (secret.isEmpty()) {
      secret = "It's a Secret to Everybody";
    }
    WebhookSignature signature = WebhookSignature.of(secret, "an older secret");
    int mode = data.consumeInt(0, 3);
    String raw = data.consumeString(100);
    byte[] body = data.consumeRemainingAsBytes();
    String own = WebhookSignature.sign(secret, body);

    String header =
        switch (mode) {
          case 0 -> raw; // whatever a client sends
          case 1 -> own.toUpperCase(java.util.Locale.ROOT); // GitHub's own, in capitals
          case 2 -> mangle(own, raw); // GitHub's own with something changed
          default -> WebhookSignature.sign(secret, neighbour(body, raw)); // another body's
        };

    boolean verified = signature.verify(body, header);

    assertThat(verified).as("header %s", header).isEqualTo(header.equalsIgnoreCase(own));
    if (body.length > 0) {
      int from = Math.floorMod(raw.length(), body.length);
      byte[] slice = Arrays.copyOfRange(body, from, body.length);
      assertThat(signature.verify(body, from, body.length - from, header))
          .isEqualTo(signature.verify(slice, header));
    }
  }

  private static String mangle(String own, String how) {
    if (how.isEmpty()) {
      return own + " ";
    }
    int at = Math.floorMod(how.charAt(0), own.length() + 1);
    return own.substring(0, at) + how.substring(1) + own.substring(Math.min(own.length(), at + 1));
  }

  private static byte[] neighbour(byte[] body, String how) {
    byte[] other = Arrays.copyOf(body, body.length + (how.isEmpty() ? 1 : 0));
    if (!how.isEmpty() && other.length > 0) {
      other[Math.floorMod(how.hashCode(), other.length)] ^= (byte) (how.charAt(0) | 1);
    }
    return other;
  }
}
