package io.github.ghapp.auth.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.GitHubException;
import io.github.ghapp.auth.InstallationToken;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Whatever a server answers, ghapp's calls return a value or throw a {@link GitHubException}, as
 * its Javadoc promises ("every failure ghapp reports while talking to GitHub is one of these"). The
 * input is one HTTP answer (see {@link FuzzedAnswers}) given to every request of four calls: a mint
 * (the token answer), an installation look-up, a paginated list (the {@code Link} header) and a
 * GraphQL query; error answers go through ErrorMapper, headers through RateLimitHeaders and
 * HttpDates.
 *
 * <p>Corpus: {@code src/test/resources/io/github/ghapp/auth/internal/http/ExchangeFuzzTestInputs/}.
 */
class ExchangeFuzzTest {
  /** Answers per call: enough for a redirect or a 401 retry, few enough to stay fast. */
  private static final int ANSWERS_PER_CALL = 3;

  private static Level level;

  @BeforeAll
  static void quieten() {
    level = FuzzedAnswers.quieten();
  }

  @AfterAll
  static void restore() {
    FuzzedAnswers.restore(level);
  }

  @FuzzTest(maxDuration = "90s")
  void calls_anyAnswer_returnOrThrowGitHubException(byte[] input) {
    FuzzedAnswers answer = FuzzedAnswers.parse(input);
    AtomicInteger sent = new AtomicInteger();
    GitHubApp app =
        GitHubApp.builder()
            .appId(1)
            .signer(content -> new byte[256]) // no RSA: the answers are what is fuzzed
            .transport(
                request -> {
                  if (sent.incrementAndGet() > ANSWERS_PER_CALL) {
                    throw FuzzedAnswers.exhausted();
                  }
                  return answer.answer(request);
                })
            .maxAttempts(2)
            .retryBackoff(Duration.ZERO)
            .deadline(Duration.ofMillis(200))
            .build();

    Object token = call(sent, () -> app.createToken(7));
    if (token instanceof InstallationToken t) {
      assertThat(answer.status()).as("a token from a refusal").isLessThan(300);
      assertThat(t.token()).isNotBlank();
      assertThat(t.expiresAt()).isNotNull();
    }
    call(sent, () -> app.installations().byId(7));
    call(sent, () -> app.installations().list());
    call(sent, () -> app.appClient().graphql("{ viewer { login } }"));
  }

  private static Object call(AtomicInteger sent, java.util.function.Supplier<Object> call) {
    sent.set(0);
    try {
      return call.get();
    } catch (GitHubException e) {
      assertThat(e.getMessage()).isNotBlank();
      return e;
    }
  }
}
