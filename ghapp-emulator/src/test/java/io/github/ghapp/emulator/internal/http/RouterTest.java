package io.github.ghapp.emulator.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Found by RouterFuzzTest: what a route lookup does with paths no route can have. */
class RouterTest {
  private final Router router =
      new Router("")
          .rest("GET", "/repos/{owner}/{repo}/installation", Access.APP, null, request -> null);

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
}
