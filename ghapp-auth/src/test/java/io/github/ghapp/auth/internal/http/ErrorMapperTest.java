package io.github.ghapp.auth.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.auth.BadCredentialsException;
import io.github.ghapp.auth.ClockSkewException;
import io.github.ghapp.auth.GitHubException;
import io.github.ghapp.auth.RateLimitedException;
import io.github.ghapp.auth.ResourceNotAccessibleException;
import io.github.ghapp.auth.ServerErrorException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The refusals the emulator has no fault for, mapped from GitHub's documented answers. */
class ErrorMapperTest {
  private static final HttpHeaders NONE = HttpHeaders.of(Map.of(), (a, b) -> true);

  @Test
  void map_resourceNotAccessibleByIntegration_saysWhichPermissionToGrant() {
    GitHubException e =
        map(
            403,
            "{\"message\":\"Resource not accessible by integration\","
                + "\"documentation_url\":\"https://docs.github.com/rest/issues/issues#create-an-issue\"}",
            NONE);

    assertThat(e)
        .isInstanceOf(ResourceNotAccessibleException.class)
        .hasMessageContaining(
            "POST /repos/o/r/issues answered 403 'Resource not accessible by integration'")
        .hasMessageContaining("lacks the permission")
        .hasMessageContaining("Permissions & events")
        .hasMessageNotContaining("TokenRequest");
    assertThat(e.documentationUrl())
        .isEqualTo("https://docs.github.com/rest/issues/issues#create-an-issue");
    assertThat(e.isRetryable()).isFalse();
  }

  @Test
  void map_validationFailed_carriesEachError() {
    GitHubException e =
        map(
            422,
            "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"Issue\","
                + "\"field\":\"title\",\"code\":\"missing_field\"}]}",
            NONE);

    assertThat(e.errors())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.resource()).isEqualTo("Issue");
              assertThat(v.field()).isEqualTo("title");
              assertThat(v.code()).isEqualTo("missing_field");
            });
    assertThat(e).hasMessageContaining("Issue.title missing_field");
  }

  @Test
  void map_secondaryRateLimit_carriesRetryAfter() {
    HttpHeaders headers = HttpHeaders.of(Map.of("retry-after", List.of("60")), (a, b) -> true);

    GitHubException e =
        map(403, "{\"message\":\"You have exceeded a secondary rate limit.\"}", headers);

    assertThat(e).isInstanceOf(RateLimitedException.class);
    assertThat(((RateLimitedException) e).retryAfter()).isEqualTo(Duration.ofSeconds(60));
    assertThat(e.isRetryable()).isTrue();
  }

  @Test
  void map_primaryRateLimit_carriesTheReset() {
    HttpHeaders headers =
        HttpHeaders.of(
            Map.of(
                "x-ratelimit-remaining", List.of("0"), "x-ratelimit-reset", List.of("1732496402")),
            (a, b) -> true);

    GitHubException e = map(403, "{\"message\":\"API rate limit exceeded\"}", headers);

    assertThat(((RateLimitedException) e).resetAt()).isEqualTo(Instant.ofEpochSecond(1732496402));
  }

  @Test
  void map_eachJwtTimeClaimError_isClockSkew() {
    for (String message :
        List.of(
            "'Expiration time' claim ('exp') is too far in the future",
            "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
            "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued")) {
      assertThat(map(401, "{\"message\":\"" + message + "\"}", NONE))
          .isInstanceOf(ClockSkewException.class);
    }
  }

  @Test
  void map_badCredentials_isBadCredentials() {
    assertThat(map(401, "{\"message\":\"Bad credentials\"}", NONE))
        .isInstanceOf(BadCredentialsException.class);
  }

  @Test
  void map_badGatewayWithHtmlBody_isRetryableServerError() {
    GitHubException e = map(502, "<html>Bad Gateway</html>", NONE);

    assertThat(e).isInstanceOf(ServerErrorException.class);
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.githubMessage()).isNull();
  }

  private static GitHubException map(int status, String body, HttpHeaders headers) {
    return ErrorMapper.map(
        status, headers, Json.parseBody(body.getBytes()), "POST /repos/o/r/issues");
  }
}
