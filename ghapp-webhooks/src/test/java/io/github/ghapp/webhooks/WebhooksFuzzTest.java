package io.github.ghapp.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.ghapp.auth.GitHubApp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link Webhooks#handle} never throws on bad input (its Javadoc: "every problem with the request
 * becomes a 4xx result"), accepts only deliveries signed over their own body, and hands handlers
 * events whose accessors work on whatever payload was signed. The receiver has an app, so the
 * installation directory sees the {@code installation} events too; handlers run on the request
 * thread here so that what they hit is seen at once.
 *
 * <p>An input is a delivery: {@code Name: value} header lines, a blank line, the body. A signature
 * header of {@code sign} is replaced by the body's real signature, so that the corpus can hold
 * deliveries that get past verification. Corpus: {@code
 * src/test/resources/io/github/ghapp/webhooks/WebhooksFuzzTestInputs/}.
 */
class WebhooksFuzzTest {
  private static final String SECRET = "It's a Secret to Everybody";
  private static final Set<Integer> ANSWERS = Set.of(200, 202, 400, 401, 413, 415, 503);

  private static final List<Throwable> failures = new ArrayList<>();
  private static Webhooks hooks;

  @BeforeAll
  static void build() {
    GitHubApp app =
        GitHubApp.builder()
            .appId(1)
            .signer(content -> new byte[256])
            .transport(
                request -> {
                  throw new IOException("no network while fuzzing");
                })
            .maxAttempts(1)
            .build();
    hooks =
        Webhooks.builder(app)
            .secret(SECRET)
            .maxPayloadBytes(64 << 10)
            .executor(Runnable::run)
            .deduplication(Duration.ZERO, 0) // every input handled, whatever its delivery id
            .build();
    hooks.on("issues", WebhooksFuzzTest::useEveryAccessor);
    hooks.on("installation.created", WebhooksFuzzTest::useEveryAccessor);
    hooks.onAny(WebhooksFuzzTest::useEveryAccessor);
    hooks.onError((event, error) -> failures.add(error));
  }

  @AfterAll
  static void close() {
    hooks.close();
  }

  @FuzzTest(maxDuration = "90s")
  void handle_anyDelivery_answersAndAcceptsOnlyWhatIsSigned(byte[] input) {
    failures.clear();
    String text = new String(input, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\n\n");
    byte[] body =
        end < 0 ? new byte[0] : text.substring(end + 2).getBytes(StandardCharsets.ISO_8859_1);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line : (end < 0 ? text : text.substring(0, end)).split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.put(line.substring(0, colon), line.substring(colon + 1).strip());
      }
    }
    String own = WebhookSignature.sign(SECRET, body);
    headers.replaceAll((name, value) -> value.equals("sign") ? own : value);
    boolean signed =
        headers.entrySet().stream()
            .anyMatch(
                e ->
                    e.getKey().equalsIgnoreCase(Webhooks.SIGNATURE)
                        && e.getValue().equalsIgnoreCase(own));

    WebhookResult fromBytes = hooks.handle(headers, body);
    WebhookResult fromStream = hooks.handle(headers, new ByteArrayInputStream(body));

    for (WebhookResult result : List.of(fromBytes, fromStream)) {
      assertThat(ANSWERS).contains(result.status());
      assertThat(result.message()).isNotNull();
      if (result.isSuccess()) {
        assertThat(signed).as("accepted unsigned: %s", result).isTrue();
      }
    }
    assertThat(failures).as("handlers or the directory failed").isEmpty();
  }

  /**
   * What a handler may call on any event: none of it may throw, but client()'s documented error.
   */
  private static void useEveryAccessor(WebhookEvent event) {
    event.name();
    event.action();
    event.qualifiedName();
    event.deliveryId();
    event.installationId();
    event.repository();
    event.senderLogin();
    event.payload();
    event.toString();
    try {
      event.client();
    } catch (IllegalStateException noInstallation) {
      // documented: the event names no installation
    }
  }
}
