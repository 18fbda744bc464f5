package io.github.ghapp.auth.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinkHeaderTest {

  @Test
  void next_amongSeveralRelations_isFound() {
    HttpHeaders h =
        headers(
            "<https://api.github.com/app/installations?page=1>; rel=\"prev\", "
                + "<https://api.github.com/app/installations?page=3>; rel=\"next\", "
                + "<https://api.github.com/app/installations?page=5>; rel=\"last\"");

    assertThat(LinkHeader.next(h)).isEqualTo("https://api.github.com/app/installations?page=3");
  }

  @Test
  void next_onTheLastPage_isNull() {
    assertThat(
            LinkHeader.next(
                headers("<https://x/?page=1>; rel=\"first\", <https://x/?page=1>; rel=\"prev\"")))
        .isNull();
    assertThat(LinkHeader.next(HttpHeaders.of(Map.of(), (a, b) -> true))).isNull();
  }

  @Test
  void next_unquotedRelation_isFound() {
    assertThat(LinkHeader.next(headers("<https://x/?page=2>; rel=next")))
        .isEqualTo("https://x/?page=2");
  }

  private static HttpHeaders headers(String link) {
    return HttpHeaders.of(Map.of("Link", List.of(link)), (a, b) -> true);
  }
}
