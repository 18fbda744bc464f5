package io.github.ghapp.emulator.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Found by RouterFuzzTest: what a route lookup does with paths no route can have. */
class RouterTest {
  private final Router router =
      new Router("")
          .rest("GET", "/repos/{owner}/{repo}/installation", Access.APP, null, request -> null)
          .rest("GET", "/repos/{owner}/{repo}/contents/{path}", Access.ANY, null, request -> null)
          .rest("GET", "/repos/{owner}/{repo}/git/ref/{ref}", Access.ANY, null, request -> null)
          .rest("GET", "/repos/{owner}/{repo}/{archive}/{ref}", Access.ANY, null, request -> null)
          .rest("GET", "/repos/{owner}/{repo}/commits/{ref}/status", Access.ANY, null, r -> null);

  @Test
  void match_malformedPercentEncoding_isNoRouteRatherThanAnError() {
    assertThat(router.match("GET", "/repos/%zz/x/installation")).isEmpty();
    assertThat(router.match("GET", "/repos/x/%E2%8/installation")).isEmpty();
  }

  @Test
  void match_encodedSlashInASegment_isOneParameter() {
    assertThat(router.match("GET", "/repos/a%2Fb/c/installation"))
        .hasValueSatisfying(m -> assertThat(m.parameters()).containsEntry("owner", "a/b"));
  }

  @Test
  void match_aTrailingPathWithRawSlashes_takesTheRest() {
    assertThat(router.match("GET", "/repos/o/r/contents/docs/guide/a.md"))
        .hasValueSatisfying(
            m -> assertThat(m.parameters()).containsEntry("path", "docs/guide/a.md"));
  }

  @Test
  void match_aTrailingPathWithEncodedSlashes_isDecodedInItsParameter() {
    assertThat(router.match("GET", "/repos/o/r/contents/.github%2Fconfig.yml"))
        .hasValueSatisfying(
            m -> assertThat(m.parameters()).containsEntry("path", ".github/config.yml"));
    assertThat(router.match("GET", "/repos/o/r/git/ref/heads%2Ffeature/x"))
        .hasValueSatisfying(
            m -> assertThat(m.parameters()).containsEntry("ref", "heads/feature/x"));
  }

  @Test
  void match_aRouteOfTheExactLength_beatsOneTakingTheRest() {
    assertThat(router.match("GET", "/repos/o/r/commits/main/status"))
        .hasValueSatisfying(
            m ->
                assertThat(m.route().pattern())
                    .isEqualTo("/repos/{owner}/{repo}/commits/{ref}/status"));
  }

  @Test
  void match_ofRoutesTakingTheRest_theLongerLiteralPrefixWins() {
    assertThat(router.match("GET", "/repos/o/r/git/ref/heads/main"))
        .hasValueSatisfying(
            m -> {
              assertThat(m.route().pattern()).isEqualTo("/repos/{owner}/{repo}/git/ref/{ref}");
              assertThat(m.parameters()).containsEntry("ref", "heads/main");
            });
  }

  @Test
  void match_aRouteTakingTheRest_needsAtLeastOneSegmentForIt() {
    assertThat(router.match("GET", "/repos/o/r/contents")).isEmpty();
    assertThat(router.match("GET", "/repos/o/r/contents/")).isEmpty();
  }
}
