package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GraphQL at {@code /graphql} with installation tokens: the viewer is the app's bot, repositories
 * and their issues honour the token's scope and permissions with GitHub's errors, bad queries get
 * {@code errors}, and the {@code graphql} rate-limit resource is counted apart from REST's.
 */
class GraphqlTest {

  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  private static final String ISSUES =
      "query($owner: String!, $name: String!) { repository(owner: $owner, name: $name)"
          + " { name issues(first: 10) { totalCount nodes { title number } } } }";

  @BeforeAll
  static void openTwoIssuesInHelloWorldAndOneInAPublicRepository() {
    String token = Tokens.mint(github.emulator(), 42, "{}");
    for (String title : new String[] {"First", "Second"}) {
      assertThat(
              Http.at(github.baseUrl())
                  .token(token)
                  .post("/repos/octo-org/hello-world/issues", "{\"title\": \"" + title + "\"}")
                  .status())
          .isEqualTo(201);
    }
    github.emulator().createRepository("octocat", "open-book", false);
    String owners = Tokens.mint(github.emulator(), 43, "{}");
    assertThat(
            Http.at(github.baseUrl())
                .token(owners)
                .post("/repos/octocat/open-book/issues", "{\"title\": \"Public\"}")
                .status())
        .isEqualTo(201);
  }

  private static Http graphql() {
    return Http.at(github.emulator().graphqlUrl());
  }

  private static Http.Reply query(String token, String query, String owner, String name) {
    ObjectNode body = Http.JSON.createObjectNode().put("query", query);
    if (owner != null) {
      body.putObject("variables").put("owner", owner).put("name", name);
    }
    return graphql().bearer(token).post("", body.toString());
  }

  private static Http.Reply query(String token, String query) {
    return query(token, query, null, null);
  }

  private static String token(String body) {
    return Tokens.mint(github.emulator(), 42, body);
  }

  @Test
  void viewer_withAnInstallationToken_isTheAppsBotUser() {
    Http.Reply reply = query(token("{}"), "{ viewer { login } }");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json.at("/data/viewer/login").asText()).isEqualTo("octo-app[bot]");
    assertThat(reply.json.has("errors")).isFalse();
  }

  @Test
  void viewer_withTheTokenScheme_isAcceptedToo() {
    Http.Reply reply =
        graphql().token(token("{}")).post("", "{\"query\": \"{ viewer { login } }\"}");

    assertThat(reply.json.at("/data/viewer/login").asText()).isEqualTo("octo-app[bot]");
  }

  @Test
  void repositoryIssues_inTheTokensScope_areListedOldestFirst() {
    Http.Reply reply = query(token("{}"), ISSUES, "octo-org", "hello-world");

    assertThat(reply.status()).isEqualTo(200);
    JsonNode repository = reply.json.at("/data/repository");
    assertThat(repository.get("name").asText()).isEqualTo("hello-world");
    assertThat(repository.at("/issues/totalCount").asInt()).isEqualTo(2);
    assertThat(repository.at("/issues/nodes"))
        .extracting(n -> n.get("title").asText())
        .containsExactly("First", "Second");
    assertThat(repository.at("/issues/nodes"))
        .extracting(n -> n.get("number").asInt())
        .containsExactly(1, 2);
  }

  @Test
  void repository_outsideTheInstallation_isNotFoundWithGitHubsMessage() {
    Http.Reply reply = query(token("{}"), ISSUES, "octo-org", "secret-plans");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json.at("/data/repository").isNull()).isTrue();
    JsonNode error = reply.json.at("/errors/0");
    assertThat(error.get("type").asText()).isEqualTo("NOT_FOUND");
    assertThat(error.get("message").asText())
        .isEqualTo("Could not resolve to a Repository with the name 'octo-org/secret-plans'.");
    assertThat(error.get("path")).extracting(JsonNode::asText).containsExactly("repository");
    assertThat(error.get("locations").get(0).has("line")).isTrue();
  }

  @Test
  void repository_outsideATokenNarrowedToOthers_isNotFound() {
    Http.Reply reply =
        query(token("{\"repositories\": [\"docs\"]}"), ISSUES, "octo-org", "hello-world");

    assertThat(reply.json.at("/errors/0/type").asText()).isEqualTo("NOT_FOUND");
    assertThat(reply.json.at("/data/repository").isNull()).isTrue();
  }

  @Test
  void repository_thatDoesNotExist_isNotFoundLikeAHiddenOne() {
    Http.Reply reply = query(token("{}"), ISSUES, "octo-org", "no-such-thing");

    assertThat(reply.json.at("/errors/0/message").asText())
        .isEqualTo("Could not resolve to a Repository with the name 'octo-org/no-such-thing'.");
  }

  @Test
  void issues_withoutTheIssuesPermission_areForbidden() {
    String contentsOnly = token("{\"permissions\": {\"contents\": \"read\"}}");

    Http.Reply issues = query(contentsOnly, ISSUES, "octo-org", "hello-world");
    Http.Reply name =
        query(contentsOnly, "{ repository(owner: \"octo-org\", name: \"hello-world\") { name } }");

    assertThat(issues.json.at("/errors/0/type").asText()).isEqualTo("FORBIDDEN");
    assertThat(issues.json.at("/errors/0/message").asText())
        .isEqualTo("Resource not accessible by integration");
    assertThat(issues.json.at("/errors/0/path"))
        .extracting(JsonNode::asText)
        .containsExactly("repository", "issues");
    assertThat(name.json.at("/data/repository/name").asText()).isEqualTo("hello-world");
  }

  @Test
  void publicRepository_outsideTheInstallation_isReadable() {
    Http.Reply reply = query(token("{}"), ISSUES, "octocat", "open-book");

    assertThat(reply.json.at("/data/repository/issues/nodes/0/title").asText()).isEqualTo("Public");
  }

  @Test
  void issue_byNumber_hasItsBotAuthor_andAMissingOneIsNotFound() {
    Http.Reply reply =
        query(
            token("{}"),
            "{ repository(owner: \"octo-org\", name: \"hello-world\") {"
                + " first: issue(number: 1) { title state author { login __typename } }"
                + " missing: issue(number: 99) { title } } }");

    assertThat(reply.json.at("/data/repository/first/title").asText()).isEqualTo("First");
    assertThat(reply.json.at("/data/repository/first/state").asText()).isEqualTo("OPEN");
    assertThat(reply.json.at("/data/repository/first/author/login").asText())
        .isEqualTo("octo-app[bot]");
    assertThat(reply.json.at("/data/repository/first/author/__typename").asText()).isEqualTo("Bot");
    assertThat(reply.json.at("/data/repository/missing").isNull()).isTrue();
    assertThat(reply.json.at("/errors/0/message").asText())
        .isEqualTo("Could not resolve to an Issue with the number of 99.");
  }

  @Test
  void issues_withoutFirstOrLast_isRefusedAsGitHubDoes() {
    Http.Reply reply =
        query(
            token("{}"),
            "{ repository(owner: \"octo-org\", name: \"hello-world\") {"
                + " issues { totalCount } } }");

    assertThat(reply.json.at("/errors/0/type").asText()).isEqualTo("MISSING_PAGINATION_BOUNDARIES");
    assertThat(reply.json.at("/errors/0/message").asText())
        .isEqualTo(
            "You must provide a `first` or `last` value to properly paginate the `issues` connection.");
  }

  @Test
  void issues_moreThan100_isRefusedAsGitHubDoes() {
    Http.Reply reply =
        query(
            token("{}"),
            "{ repository(owner: \"octo-org\", name: \"hello-world\") {"
                + " issues(first: 101) { totalCount } } }");

    assertThat(reply.json.at("/errors/0/message").asText())
        .isEqualTo(
            "Requesting 101 records on the `issues` connection exceeds the `first` limit of 100 records.");
  }

  @Test
  void issues_pagedWithCursors_walkThroughAllIssues() {
    String token = token("{}");
    String page =
        "query($after: String) { repository(owner: \"octo-org\", name: \"hello-world\") {"
            + " issues(first: 1, after: $after) { nodes { title } pageInfo { endCursor hasNextPage } } } }";

    Http.Reply first = query(token, page);
    ObjectNode next = Http.JSON.createObjectNode().put("query", page);
    next.putObject("variables")
        .put("after", first.json.at("/data/repository/issues/pageInfo/endCursor").asText());
    Http.Reply second = graphql().bearer(token).post("", next.toString());

    assertThat(first.json.at("/data/repository/issues/nodes/0/title").asText()).isEqualTo("First");
    assertThat(first.json.at("/data/repository/issues/pageInfo/hasNextPage").asBoolean()).isTrue();
    assertThat(second.json.at("/data/repository/issues/nodes/0/title").asText())
        .isEqualTo("Second");
    assertThat(second.json.at("/data/repository/issues/pageInfo/hasNextPage").asBoolean())
        .isFalse();
  }

  @Test
  void query_withASyntaxError_answersErrorsWithoutData() {
    Http.Reply reply = query(token("{}"), "{ viewer { login }");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json.has("data")).isFalse();
    assertThat(reply.json.at("/errors/0/message").asText()).isNotBlank();
    assertThat(reply.json.at("/errors/0/locations/0/line").asInt()).isEqualTo(1);
  }

  @Test
  void query_withAnUnknownField_answersAnErrorNamingIt() {
    Http.Reply reply = query(token("{}"), "{ viewer { nickname } }");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json.at("/errors/0/message").asText()).contains("nickname");
  }

  @Test
  void body_withoutQuery_orNotJson_isRefused() {
    String token = token("{}");

    Http.Reply noQuery = graphql().bearer(token).post("", "{}");
    Http.Reply notJson = graphql().bearer(token).post("", "query { viewer { login } }");

    assertThat(noQuery.json.at("/errors/0/message").asText())
        .isEqualTo("A query attribute must be specified and must be a string.");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.message()).isEqualTo("Problems parsing JSON");
  }

  @Test
  void withoutCredentials_is401AskingForAuthentication() {
    Http.Reply reply = graphql().post("", "{\"query\": \"{ viewer { login } }\"}");

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.message()).isEqualTo("This endpoint requires you to be authenticated.");
  }

  @Test
  void withAnAppJwt_is401() {
    Http.Reply reply = query(Tokens.jwt(github.emulator(), 1001), "{ viewer { login } }");

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.message()).isEqualTo("Bad credentials");
  }

  @Test
  void withAnUnknownToken_is401BadCredentials() {
    Http.Reply reply = query("ghs_" + "x".repeat(36), "{ viewer { login } }");

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.message()).isEqualTo("Bad credentials");
  }

  @Test
  void rateLimit_isCountedOnTheGraphqlResource_apartFromRest() {
    String token = token("{}");

    Http.Reply first = query(token, "{ viewer { login } }");
    Http.Reply second = query(token, "{ rateLimit { limit used remaining } }");

    assertThat(first.header("x-ratelimit-resource")).isEqualTo("graphql");
    assertThat(first.header("x-ratelimit-limit")).isEqualTo("5000");
    int used = Integer.parseInt(first.header("x-ratelimit-used"));
    assertThat(second.header("x-ratelimit-used")).isEqualTo(Integer.toString(used + 1));
    assertThat(second.json.at("/data/rateLimit/used").asInt()).isEqualTo(used + 1);
    assertThat(second.json.at("/data/rateLimit/remaining").asInt()).isEqualTo(5000 - used - 1);
    JsonNode limits = Http.at(github.baseUrl()).token(token).get("/rate_limit").json;
    assertThat(limits.at("/resources/graphql/used").asInt()).isEqualTo(used + 1);
  }

  @Test
  void rateLimit_spent_answers200WithARateLimitedError() {
    String token = token("{}");
    github.emulator().faults().exhaustRateLimit(42);

    Http.Reply reply = query(token, "{ viewer { login } }");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("x-ratelimit-remaining")).isEqualTo("0");
    assertThat(reply.json.at("/errors/0/type").asText()).isEqualTo("RATE_LIMITED");
    assertThat(reply.json.at("/errors/0/message").asText())
        .isEqualTo("API rate limit exceeded for installation ID 42.");
  }

  @Test
  void requests_areRecordedInTheRequestLog() {
    github.emulator().clearRequests();

    query(token("{}"), "{ viewer { login } }");

    assertThat(github.emulator().requests())
        .anySatisfy(
            r -> {
              assertThat(r.path()).isEqualTo("/graphql");
              assertThat(r.credential()).isEqualTo(CredentialKind.INSTALLATION_TOKEN);
              assertThat(r.installationId()).isEqualTo(42L);
              assertThat(r.status()).isEqualTo(200);
            });
  }

  @Test
  void ghesMode_servesGraphqlAtApiGraphql() {
    try (GitHubEmulator ghes = GitHubEmulator.builder().demoState().ghes(true).build().start()) {
      String token = Tokens.mint(ghes, 42, "{}");

      Http.Reply reply =
          Http.at(ghes.graphqlUrl())
              .bearer(token)
              .post("", "{\"query\": \"{ viewer { login } }\"}");
      Http.Reply atTheRoot =
          Http.at(
                  java.net.URI.create(
                      ghes.graphqlUrl().toString().replace("/api/graphql", "/graphql")))
              .bearer(token)
              .post("", "{\"query\": \"{ viewer { login } }\"}");

      assertThat(ghes.graphqlUrl().getPath()).isEqualTo("/api/graphql");
      assertThat(reply.json.at("/data/viewer/login").asText()).isEqualTo("octo-app[bot]");
      assertThat(atTheRoot.status()).isEqualTo(404);
    }
  }
}
