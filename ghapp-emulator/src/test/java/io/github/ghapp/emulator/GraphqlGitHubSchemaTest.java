package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GraphQL on GitHub's whole public schema: queries written for github.com validate as they do
 * there, a query GitHub would refuse is refused with GitHub's wording, fields the emulator does not
 * model are named in an error, and nodes, refs and commits resolve from the emulator's state and
 * its bare Git repositories.
 */
class GraphqlGitHubSchemaTest {

  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  private static Http.Reply query(String token, String query) {
    ObjectNode body = Http.JSON.createObjectNode().put("query", query);
    return Http.at(github.emulator().graphqlUrl()).bearer(token).post("", body.toString());
  }

  private static String token() {
    return Tokens.mint(github.emulator(), 42, "{}");
  }

  @Test
  void query_likeTheDocsClosedIssuesExample_validatesAgainstGitHubsSchema() {
    Http.Reply reply =
        query(
            token(),
            "query { repository(owner: \"octo-org\", name: \"hello-world\") {"
                + " issues(last: 20, states: CLOSED) { edges { node { title url"
                + " labels(first: 5) { edges { node { name } } } } } } } }");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json.at("/data/repository/issues/edges").isArray()).isTrue();
    assertThat(reply.json.at("/errors").size()).isZero();
  }

  @Test
  void unmodelledField_answersNullWithAnErrorNamingTheFieldAndItsType() {
    Http.Reply reply =
        query(
            token(),
            "{ repository(owner: \"octo-org\", name: \"hello-world\") { name homepageUrl } }");

    assertThat(reply.json.at("/data/repository/name").asText()).isEqualTo("hello-world");
    assertThat(reply.json.at("/data/repository/homepageUrl").isNull()).isTrue();
    JsonNode error = reply.json.at("/errors/0");
    assertThat(error.get("type").asText()).isEqualTo("NOT_MODELLED");
    assertThat(error.get("message").asText())
        .contains("'homepageUrl' on type 'Repository'")
        .contains("query is valid");
    assertThat(error.get("path"))
        .extracting(JsonNode::asText)
        .containsExactly("repository", "homepageUrl");
  }

  @Test
  void mutation_ofGitHubsSchema_validatesAndIsNamedAsUnmodelled() {
    Http.Reply reply =
        query(
            token(),
            "mutation { addReaction(input: {subjectId: \"MDU6SXNzdWUx\", content: HOORAY})"
                + " { reaction { content } subject { id } } }");

    assertThat(reply.json.at("/errors/0/type").asText()).isEqualTo("NOT_MODELLED");
    assertThat(reply.json.at("/errors/0/message").asText())
        .contains("'addReaction' on type 'Mutation'");
  }

  @Test
  void misspelledField_isRefusedAsGitHubRefusesIt() {
    Http.Reply reply = query(token(), "{ viewer { logn } }");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json.has("data")).isFalse();
    JsonNode error = reply.json.at("/errors/0");
    assertThat(error.get("message").asText())
        .isEqualTo("Field 'logn' doesn't exist on type 'User'");
    assertThat(error.at("/extensions/code").asText()).isEqualTo("undefinedField");
    assertThat(error.at("/extensions/typeName").asText()).isEqualTo("User");
    assertThat(error.at("/extensions/fieldName").asText()).isEqualTo("logn");
    assertThat(error.get("path"))
        .extracting(JsonNode::asText)
        .containsExactly("query", "viewer", "logn");
    assertThat(error.at("/locations/0/line").asInt()).isEqualTo(1);
  }

  @Test
  void misspelledField_inANamedOperation_hasTheOperationInItsPath() {
    Http.Reply reply = query(token(), "query Mine { viewer { logn } }");

    assertThat(reply.json.at("/errors/0/path/0").asText()).isEqualTo("query Mine");
  }

  @Test
  void missingRequiredArgument_isRefusedWithGitHubsWording() {
    Http.Reply reply = query(token(), "{ repository(owner: \"octo-org\") { id } }");

    assertThat(reply.json.at("/errors/0/message").asText())
        .isEqualTo("Field 'repository' is missing required arguments: name");
    assertThat(reply.json.at("/errors/0/extensions/code").asText())
        .isEqualTo("missingRequiredArguments");
  }

  @Test
  void unknownArgument_isRefusedWithGitHubsWording() {
    Http.Reply reply = query(token(), "{ viewer(first: 1) { login } }");

    assertThat(reply.json.at("/errors/0/message").asText())
        .isEqualTo("Field 'viewer' doesn't accept argument 'first'");
    assertThat(reply.json.at("/errors/0/extensions/code").asText())
        .isEqualTo("argumentNotAccepted");
  }

  @Test
  void selections_onAScalarOrMissingOnAnObject_areRefusedWithGitHubsWording() {
    Http.Reply onScalar = query(token(), "{ viewer { login { id } } }");
    Http.Reply missing = query(token(), "{ viewer }");

    assertThat(onScalar.json.at("/errors/0/message").asText())
        .isEqualTo(
            "Selections can't be made on scalars (field 'login' returns String! but has"
                + " selections [id])");
    assertThat(missing.json.at("/errors/0/message").asText())
        .isEqualTo(
            "Field must have selections (field 'viewer' returns User! but has no selections."
                + " Did you mean 'viewer { ... }'?)");
  }

  @Test
  void introspection_answersFromGitHubsSchema() {
    Http.Reply reply = query(token(), "{ __type(name: \"PullRequest\") { name fields { name } } }");

    assertThat(reply.json.at("/data/__type/fields"))
        .extracting(f -> f.get("name").asText())
        .contains("headRefName", "mergeable", "reviews");
  }

  @Test
  void node_byTheIdOfARepository_isThatRepository_andAnUnknownIdIsNotFound() {
    String token = token();
    String id =
        query(token, "{ repository(owner: \"octo-org\", name: \"hello-world\") { id } }")
            .json
            .at("/data/repository/id")
            .asText();

    Http.Reply found =
        query(token, "{ node(id: \"" + id + "\") { __typename ... on Repository { name } } }");
    Http.Reply unknown = query(token, "{ node(id: \"bm90LWFuLWlk\") { id } }");

    assertThat(found.json.at("/data/node/__typename").asText()).isEqualTo("Repository");
    assertThat(found.json.at("/data/node/name").asText()).isEqualTo("hello-world");
    assertThat(unknown.json.at("/data/node").isNull()).isTrue();
    assertThat(unknown.json.at("/errors/0/type").asText()).isEqualTo("NOT_FOUND");
    assertThat(unknown.json.at("/errors/0/message").asText())
        .isEqualTo("Could not resolve to a node with the global id of 'bm90LWFuLWlk'");
  }

  @Test
  void node_ofARepositoryOutsideTheTokensScope_isNotFound() {
    String id =
        query(token(), "{ repository(owner: \"octo-org\", name: \"hello-world\") { id } }")
            .json
            .at("/data/repository/id")
            .asText();
    String docsOnly = Tokens.mint(github.emulator(), 42, "{\"repositories\": [\"docs\"]}");

    Http.Reply reply = query(docsOnly, "{ node(id: \"" + id + "\") { id } }");

    assertThat(reply.json.at("/errors/0/type").asText()).isEqualTo("NOT_FOUND");
  }

  @Test
  void defaultBranchRef_isMainAtTheHeadOfTheBareRepository() throws Exception {
    Http.Reply reply =
        query(
            token(),
            "{ repository(owner: \"octo-org\", name: \"hello-world\") { defaultBranchRef {"
                + " name prefix target { __typename ... on Commit { oid messageHeadline"
                + " author { name } } } } } }");

    JsonNode ref = reply.json.at("/data/repository/defaultBranchRef");
    assertThat(ref.get("name").asText()).isEqualTo("main");
    assertThat(ref.get("prefix").asText()).isEqualTo("refs/heads/");
    assertThat(ref.at("/target/__typename").asText()).isEqualTo("Commit");
    assertThat(ref.at("/target/oid").asText()).isEqualTo(headOfMain("octo-org", "hello-world"));
    assertThat(ref.at("/target/messageHeadline").asText()).isNotBlank();
  }

  @Test
  void refs_underHeads_areListedByNameInPages() {
    Http.Reply reply =
        query(
            token(),
            "{ repository(owner: \"octo-org\", name: \"hello-world\") {"
                + " refs(refPrefix: \"refs/heads/\", first: 10) { totalCount"
                + " nodes { name } pageInfo { hasNextPage } } } }");

    assertThat(reply.json.at("/data/repository/refs/nodes"))
        .extracting(n -> n.get("name").asText())
        .containsExactly("main");
    assertThat(reply.json.at("/data/repository/refs/pageInfo/hasNextPage").asBoolean()).isFalse();
  }

  @Test
  void object_byExpression_isTheCommit_andAnUnknownOneIsNull() throws Exception {
    Http.Reply reply =
        query(
            token(),
            "{ repository(owner: \"octo-org\", name: \"hello-world\") {"
                + " main: object(expression: \"main\") { ... on Commit { oid } }"
                + " nothing: object(expression: \"no-such-branch\") { id } } }");

    assertThat(reply.json.at("/data/repository/main/oid").asText())
        .isEqualTo(headOfMain("octo-org", "hello-world"));
    assertThat(reply.json.at("/data/repository/nothing").isNull()).isTrue();
  }

  @Test
  void refs_withoutTheContentsPermission_areForbidden() {
    String noContents =
        Tokens.mint(github.emulator(), 42, "{\"permissions\": {\"issues\": \"read\"}}");

    Http.Reply reply =
        query(
            noContents,
            "{ repository(owner: \"octo-org\", name: \"hello-world\") { defaultBranchRef { name } } }");

    assertThat(reply.json.at("/data/repository/defaultBranchRef").isNull()).isTrue();
    assertThat(reply.json.at("/errors/0/type").asText()).isEqualTo("FORBIDDEN");
  }

  private static String headOfMain(String owner, String name) throws Exception {
    File dir = github.emulator().gitDirectory(owner, name).toFile();
    try (Repository git = new FileRepositoryBuilder().setGitDir(dir).setBare().build()) {
      ObjectId head = git.resolve("refs/heads/main");
      return head.name();
    }
  }
}
