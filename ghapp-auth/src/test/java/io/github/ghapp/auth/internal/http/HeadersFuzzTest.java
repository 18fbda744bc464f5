package io.github.ghapp.auth.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.ghapp.auth.GitHubAppListener.RateLimit;
import java.net.http.HttpHeaders;
import java.time.Duration;

/**
 * The headers ghapp reads from every answer never throw, whatever their values: {@code Link}
 * (pagination), {@code x-ratelimit-*}, {@code retry-after} and {@code Date}. Unreadable values read
 * as absent. The input is an answer as {@link FuzzedAnswers} reads it (headers only matter).
 *
 * <p>Corpus: {@code src/test/resources/io/github/ghapp/auth/internal/http/HeadersFuzzTestInputs/}.
 */
class HeadersFuzzTest {

  @FuzzTest(maxDuration = "90s")
  void link_anyValue_givesAUrlItWasGivenOrNull(byte[] input) {
    HttpHeaders headers = FuzzedAnswers.parse(input).headers();

    String next = LinkHeader.next(headers);

    if (next != null) {
      assertThat(headers.allValues("link")).anyMatch(v -> v.contains("<" + next + ">"));
    }
  }

  @FuzzTest(maxDuration = "90s")
  void rateLimitAndDates_anyValues_readOrAbsent(byte[] input) {
    HttpHeaders headers = FuzzedAnswers.parse(input).headers();

    RateLimit limit = RateLimitHeaders.read(headers, 1);
    HttpDates.date(headers);
    ErrorMapper.resetAt(headers);
    Duration retryAfter = ErrorMapper.retryAfter(headers);

    if (limit != null) {
      assertThat(limit.limit()).isNotNegative();
      assertThat(limit.remaining()).isNotNegative();
      assertThat(limit.used()).isNotNegative();
      assertThat(limit.reset()).isNotNull();
    }
    if (retryAfter != null) {
      assertThat(retryAfter.isNegative()).isFalse();
    }
  }
}
