package io.github.ghapp.auth.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointsTest {

  @ParameterizedTest(name = "{0} -> REST {1}, GraphQL {2}")
  @CsvSource({
    "https://api.github.com,            https://api.github.com,             https://api.github.com/graphql",
    "https://api.github.com/,           https://api.github.com,             https://api.github.com/graphql",
    "https://ghe.example.com,           https://ghe.example.com/api/v3,     https://ghe.example.com/api/graphql",
    "https://ghe.example.com/,          https://ghe.example.com/api/v3,     https://ghe.example.com/api/graphql",
    "https://ghe.example.com/api/v3,    https://ghe.example.com/api/v3,     https://ghe.example.com/api/graphql",
    "https://ghe.example.com/api/v3/,   https://ghe.example.com/api/v3,     https://ghe.example.com/api/graphql",
    "https://api.acme.ghe.com,          https://api.acme.ghe.com,           https://api.acme.ghe.com/graphql",
    "http://127.0.0.1:8080,             http://127.0.0.1:8080,              http://127.0.0.1:8080/graphql",
    "http://127.0.0.1:8080/api/v3,      http://127.0.0.1:8080/api/v3,       http://127.0.0.1:8080/api/graphql",
    "http://localhost:9/,               http://localhost:9,                 http://localhost:9/graphql",
  })
  void of_derivesRestAndGraphqlFromOneBase(String base, String rest, String graphql) {
    Endpoints e = Endpoints.of(URI.create(base));

    assertThat(e.rest()).hasToString(rest);
    assertThat(e.graphql()).hasToString(graphql);
  }

  @Test
  void of_plainHttpToARemoteHost_isRefusedBecauseSecretsWouldTravelInClear() {
    assertThatThrownBy(() -> Endpoints.of(URI.create("http://ghe.example.com")))
        .hasMessageContaining("use https");
  }

  @Test
  void of_theWebsite_pointsToTheApi() {
    assertThatThrownBy(() -> Endpoints.of(URI.create("https://github.com")))
        .hasMessageContaining("https://api.github.com");
  }

  @Test
  void of_relativeUrl_isRefused() {
    assertThatThrownBy(() -> Endpoints.of(URI.create("api.github.com")))
        .hasMessageContaining("absolute http(s) URL");
  }

  @ParameterizedTest
  @CsvSource({
    "https://x-access-token:s3cret@ghe.example.com/api/v3",
    "https://ghe.example.com/api/v3?access_token=s3cret",
    "https://ghe.example.com/api/v3#s3cret",
    "ftp://user:s3cret@ghe.example.com/?token=s3cret",
  })
  void of_urlCarryingASecret_isRefusedWithoutRepeatingIt(String base) {
    assertThatThrownBy(() -> Endpoints.of(URI.create(base)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ghe.example.com")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void redact_textThatIsNotAUrl_stillDropsUserInfoAndQuery() {
    assertThat(Endpoints.redact("https://user:s3cret@ghe example.com/x?token=s3cret"))
        .doesNotContain("s3cret");
    assertThat(Endpoints.redact("user:s3cret@ghe.example.com")).doesNotContain("s3cret");
  }

  @Test
  void hostAndPort_spellsOutTheDefaultPort() {
    assertThat(Endpoints.hostAndPort(URI.create("https://api.github.com/app?x=1")))
        .isEqualTo("api.github.com:443");
    assertThat(Endpoints.hostAndPort(URI.create("http://127.0.0.1:8080/")))
        .isEqualTo("127.0.0.1:8080");
  }

  @Test
  void isSameOrigin_comparesSchemeHostAndPort() {
    Endpoints e = Endpoints.of(URI.create("https://api.github.com"));

    assertThat(e.isSameOrigin(URI.create("https://api.github.com:443/x?page=2"))).isTrue();
    assertThat(e.isSameOrigin(URI.create("https://evil.example.com/x"))).isFalse();
    assertThat(e.isSameOrigin(URI.create("http://api.github.com/x"))).isFalse();
    assertThat(e.isSameOrigin(URI.create("https://api.github.com:8443/x"))).isFalse();
  }
}
