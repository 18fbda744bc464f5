package io.github.ghapp.auth.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTest {
  private final Endpoints github = Endpoints.of(URI.create("https://api.github.com"));
  private final Endpoints ghes = Endpoints.of(URI.create("https://ghe.example.com"));

  @Test
  void expand_fillsPlaceholdersUrlEncoded() {
    Route r =
        Route.expand(
            "GET /repos/{owner}/{repo}", Map.of("owner", "octo org", "repo", "a/b"), github);

    assertThat(r.method()).isEqualTo("GET");
    assertThat(r.uri()).hasToString("https://api.github.com/repos/octo%20org/a%2Fb");
    assertThat(r.body()).isNull();
  }

  @Test
  void expand_reservedPlaceholder_keepsSlashes() {
    Route r =
        Route.expand(
            "GET /repos/{owner}/{repo}/contents/{+path}",
            Map.of("owner", "o", "repo", "r", "path", "docs/read me.md"),
            github);

    assertThat(r.uri().getRawPath()).isEqualTo("/repos/o/r/contents/docs/read%20me.md");
  }

  @Test
  void expand_getWithRemainingParams_putsThemInTheQuery() {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("org", "octo-org");
    params.put("per_page", 100);
    params.put("labels", List.of("bug", "ui"));

    Route r = Route.expand("GET /orgs/{org}/repos", params, github);

    assertThat(r.uri())
        .hasToString("https://api.github.com/orgs/octo-org/repos?per_page=100&labels=bug%2Cui");
  }

  @Test
  void expand_postWithRemainingParams_putsThemInTheJsonBody() {
    Route r =
        Route.expand(
            "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
            Map.of("owner", "o", "repo", "r", "issue_number", 1, "body", "hi"),
            github);

    assertThat(r.uri().getRawPath()).isEqualTo("/repos/o/r/issues/1/comments");
    assertThat(r.body().toString()).isEqualTo("{\"body\":\"hi\"}");
  }

  @Test
  void expand_onGhes_prefixesApiV3() {
    assertThat(Route.expand("GET /meta", Map.of(), ghes).uri())
        .hasToString("https://ghe.example.com/api/v3/meta");
  }

  @Test
  void expand_withoutMethod_isAGet() {
    assertThat(Route.expand("/meta", Map.of(), github).method()).isEqualTo("GET");
  }

  @Test
  void expand_missingParameter_namesIt() {
    assertThatThrownBy(() -> Route.expand("GET /orgs/{org}", Map.of(), github))
        .hasMessageContaining("needs parameter 'org'");
  }

  @Test
  void expand_absoluteUrlOnAnotherHost_isRefusedSoCredentialsStayHome() {
    assertThatThrownBy(
            () -> Route.expand("GET https://evil.example.com/steal?token=s3cret", Map.of(), github))
        .hasMessageContaining(
            "server evil.example.com:443 is not the configured GitHub (api.github.com:443)")
        .hasMessageContaining("refusing to send credentials")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void expand_absoluteUrlOnTheSameGitHub_isKept() {
    Route r = Route.expand("GET https://api.github.com/app/installations?page=2", Map.of(), github);

    assertThat(r.uri()).hasToString("https://api.github.com/app/installations?page=2");
  }

  @Test
  void describe_namesMethodAndPathButNotTheQuery() {
    Route r = Route.expand("GET /search/code", Map.of("q", "secret"), github);

    assertThat(r.describe()).isEqualTo("GET /search/code");
  }
}
