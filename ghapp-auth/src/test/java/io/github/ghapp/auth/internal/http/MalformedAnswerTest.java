package io.github.ghapp.auth.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.GitHubAppListener;
import io.github.ghapp.auth.GitHubException;
import io.github.ghapp.auth.NotGitHubApiException;
import io.github.ghapp.auth.RateLimitedException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What ExchangeFuzzTest and HeadersFuzzTest found: answers whose parsing let a JDK exception escape
 * instead of the {@link GitHubException} every failure is. Each answer is written as a corpus file
 * is (status, headers, blank line, body).
 */
class MalformedAnswerTest {

  @Test
  void tokenAnswerWithoutToken_isNotGitHubApi() {
    assertThatThrownBy(
            () -> appAnswering("201\n\n{\"expires_at\":\"2024-11-25T01:00:02Z\"}").createToken(7))
        .isInstanceOf(NotGitHubApiException.class)
        .hasMessageContaining("POST /app/installations/7/access_tokens answered 201");
  }

  @Test
  void tokenAnswerWithAnExpiryThatIsNoDate_isNotGitHubApi() {
    assertThatThrownBy(
            () ->
                appAnswering("201\n\n{\"token\":\"ghs_x\",\"expires_at\":\"soon\"}").createToken(7))
        .isInstanceOf(NotGitHubApiException.class)
        .hasMessageContaining("not ISO 8601");
  }

  @Test
  void tokenWithALineBreak_isNotGitHubApi_andNotEchoed() {
    String answer =
        "201\n\n{\"token\":\"ghs_secret\\r\\nX-Evil: 1\",\"expires_at\":\"2024-11-25T01:00:02Z\"}";

    assertThatThrownBy(() -> appAnswering(answer).createToken(7))
        .isInstanceOf(NotGitHubApiException.class)
        .message()
        .doesNotContain("ghs_secret");
  }

  @Test
  void installationWithoutAnId_isNotGitHubApi() {
    assertThatThrownBy(
            () -> appAnswering("200\n\n{\"account\":{\"login\":\"o\"}}").installations().byId(7))
        .isInstanceOf(NotGitHubApiException.class)
        .hasMessageContaining("positive 'id'");
  }

  @Test
  void installationListThatIsNoList_isNotGitHubApi() {
    assertThatThrownBy(() -> appAnswering("200\n\n{\"message\":\"hello\"}").installations().list())
        .isInstanceOf(NotGitHubApiException.class);
  }

  @Test
  void nextPageOnAnotherHost_isRefusedAsGitHubException() {
    String answer =
        "200\nlink: <https://evil.example/app/installations?page=2>; rel=\"next\"\n\n[]";

    assertThatThrownBy(() -> appAnswering(answer).installations().list())
        .isInstanceOf(GitHubException.class)
        .hasMessageContaining("not followed");
  }

  @Test
  void redirectToALocationThatIsNoUrl_isRefusedAsGitHubException() {
    assertThatThrownBy(
            () -> appAnswering("302\nlocation: http://a b/c\n\n").installations().byId(7))
        .isInstanceOf(GitHubException.class)
        .hasMessageContaining("not a URL");
  }

  @Test
  void rateLimitResettingBeyondAnyDate_isRateLimited_withoutAResetTime() {
    String answer =
        "403\nx-ratelimit-remaining: 0\nx-ratelimit-reset: 99999999999999999\n\n{\"message\":\"API rate limit exceeded\"}";

    assertThatThrownBy(() -> appAnswering(answer).installations().byId(7))
        .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.resetAt()).isNull());
  }

  @Test
  void retryAfterLongerThanNanosecondsHold_isRateLimited_notAnArithmeticError() {
    String answer =
        "429\nretry-after: 9223372036854775807\n\n{\"message\":\"You have exceeded a secondary rate limit\"}";

    assertThatThrownBy(() -> appAnswering(answer).installations().byId(7))
        .isInstanceOf(RateLimitedException.class);
  }

  @Test
  void rateLimitHeaderResettingBeyondAnyDate_isNotReported() {
    List<GitHubAppListener.RateLimit> reported = new ArrayList<>();
    GitHubAppListener listener =
        new GitHubAppListener() {
          @Override
          public void rateLimitReported(RateLimit limit) {
            reported.add(limit);
          }
        };
    String answer =
        "200\nx-ratelimit-limit: 5000\nx-ratelimit-remaining: 1\nx-ratelimit-reset: 99999999999999999\n\n"
            + "{\"id\":7,\"account\":{\"login\":\"o\"}}";

    assertThat(app(answer, listener).installations().byId(7).id()).isEqualTo(7);
    assertThat(reported).isEmpty();
  }

  private static GitHubApp appAnswering(String answer) {
    return app(answer, GitHubAppListener.NONE);
  }

  private static GitHubApp app(String answer, GitHubAppListener listener) {
    FuzzedAnswers parsed = FuzzedAnswers.parse(answer.getBytes(StandardCharsets.UTF_8));
    return GitHubApp.builder()
        .appId(1)
        .signer(content -> new byte[256])
        .transport(parsed::answer)
        .maxAttempts(2)
        .retryBackoff(Duration.ZERO)
        .deadline(Duration.ofSeconds(5))
        .listener(listener)
        .build();
  }
}
