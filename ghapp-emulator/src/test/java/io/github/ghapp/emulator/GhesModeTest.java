package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GitHub Enterprise Server paths: REST under {@code /api/v3}, GraphQL at {@code /api/graphql}. */
class GhesModeTest {

  @RegisterExtension
  static final GitHubEmulatorExtension github =
      GitHubEmulatorExtension.demo().configure(b -> b.ghes(true));

  private URI root() {
    return URI.create("http://127.0.0.1:" + github.emulator().port());
  }

  @Test
  void urls_followGhesLayout() {
    GitHubEmulator emu = github.emulator();

    assertThat(emu.baseUrl()).isEqualTo(URI.create(root() + "/api/v3"));
    assertThat(emu.graphqlUrl()).isEqualTo(URI.create(root() + "/api/graphql"));
    assertThat(emu.gitUrl("octo-org", "hello-world"))
        .isEqualTo(URI.create(root() + "/octo-org/hello-world.git"));
    assertThat(emu.isGhes()).isTrue();
  }

  @Test
  void restRoutes_liveUnderApiV3_andNotAtTheRoot() {
    String jwt = Tokens.jwt(github.emulator(), 1001);

    assertThat(Http.at(github.baseUrl()).bearer(jwt).get("/app").status()).isEqualTo(200);
    assertThat(Http.at(root()).bearer(jwt).get("/app").status()).isEqualTo(404);
  }

  @Test
  void mintedToken_andItsUrls_useTheGhesPrefix() {
    String token = Tokens.mint(github.emulator(), 42, "{}");

    Http.Reply repositories =
        Http.at(github.baseUrl()).token(token).get("/installation/repositories?per_page=1");

    assertThat(repositories.status()).isEqualTo(200);
    assertThat(repositories.json.get("repositories").get(0).get("url").asText())
        .isEqualTo(github.baseUrl() + "/repos/octo-org/hello-world");
    assertThat(repositories.header("Link"))
        .startsWith("<" + github.baseUrl() + "/installation/repositories?");
    assertThat(github.emulator().requests().get(github.emulator().requests().size() - 1).path())
        .isEqualTo("/api/v3/installation/repositories");
  }

  @Test
  void requestLog_recognisesMintsUnderTheGhesPrefix() {
    github.emulator().clearRequests();

    Tokens.mint(github.emulator(), 42, "{}");

    assertThat(github.emulator().requests()).singleElement().matches(RecordedRequest::isMint);
  }
}
