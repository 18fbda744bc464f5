package io.github.ghapp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import io.github.ghapp.emulator.RecordedRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GraphQlTest {
  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();
  private static final String REPOSITORY =
      "query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { nameWithOwner } }";

  @Test
  void graphql_viewer_isTheAppsBot() {
    JsonNode data =
        EmulatorApps.app(github.emulator())
            .installationClient(42)
            .graphql("query { viewer { login } }");

    assertThat(data.path("viewer").path("login").asText()).isEqualTo(github.app(1001).botLogin());
  }

  @Test
  void graphql_withVariables_returnsData() {
    GitHubClient gh = EmulatorApps.app(github.emulator()).installationClient(42);

    JsonNode data = gh.graphql(REPOSITORY, Map.of("owner", "octo-org", "name", "hello-world"));

    assertThat(data.path("repository").path("nameWithOwner").asText())
        .isEqualTo("octo-org/hello-world");
  }

  @Test
  void graphql_repositoryOutsideTheToken_isGraphQlExceptionWithGitHubsMessages() {
    GitHubClient gh =
        EmulatorApps.app(github.emulator())
            .installationClient(42, TokenRequest.builder().repositories("hello-world").build());

    assertThatThrownBy(() -> gh.graphql(REPOSITORY, Map.of("owner", "octo-org", "name", "docs")))
        .isInstanceOf(GraphQlException.class)
        .hasMessageContaining("GraphQL errors")
        .satisfies(
            e ->
                assertThat(((GraphQlException) e).graphQlErrors())
                    .singleElement()
                    .asString()
                    .contains("docs"))
        .satisfies(e -> assertThat(((GraphQlException) e).requestId()).isNotBlank());
  }

  @Test
  void graphql_queryThatDoesNotParse_isGraphQlException() {
    GitHubClient gh = EmulatorApps.app(github.emulator()).installationClient(42);

    assertThatThrownBy(() -> gh.graphql("query { viewer { login }"))
        .isInstanceOf(GraphQlException.class);
  }

  @Test
  void graphql_onGhes_goesToApiGraphql() {
    try (GitHubEmulator emu = GitHubEmulator.builder().demoState().ghes(true).build().start()) {
      GitHubClient gh = EmulatorApps.app(emu).installationClient(42);

      JsonNode data = gh.graphql("query { viewer { login } }");

      assertThat(data.path("viewer").path("login").asText()).isEqualTo(emu.app(1001).botLogin());
      assertThat(gh.graphqlUrl()).isEqualTo(emu.graphqlUrl());
      assertThat(emu.requests()).extracting(RecordedRequest::path).contains("/api/graphql");
    }
  }
}
