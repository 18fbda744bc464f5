package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pull requests and labels in GraphQL, on state made as an App makes it: branches by a real {@code
 * git push}, pull requests, labels and a merge through REST. GraphQL answers what REST answers (the
 * same ids, heads, states and labels) and refuses a token without {@code pull_requests: read}.
 */
class GraphqlPullRequestsTest {

  @RegisterExtension
  static final GitHubEmulatorExtension github =
      GitHubEmulatorExtension.fromState("graphql-state.yaml");

  private static final String REPO = "/repos/octo-org/hello-world";
  private static final String IN_REPO =
      "{ repository(owner: \"octo-org\", name: \"hello-world\") {";

  @TempDir static Path work;

  private static JsonNode feature;
  private static JsonNode merged;
  private static JsonNode review;
  private static int issueNumber;

  /** #1 feature, open, labelled bug; #2 an issue; #3 topic, merged. */
  @BeforeAll
  static void pushTwoBranchesAndOpenPullRequestsOnThem() throws IOException {
    URI url = github.emulator().gitUrl("octo-org", "hello-world");
    String token = Tokens.mint(github.emulator(), 42, "{}");
    String remote =
        url.getScheme() + "://x-access-token:" + token + "@" + url.getAuthority() + url.getPath();
    git(work, "clone", remote, "clone");
    Path clone = work.resolve("clone");
    for (String branch : new String[] {"feature", "topic"}) {
      git(clone, "checkout", "-q", "-b", branch, "origin/main");
      Files.writeString(clone.resolve(branch + ".txt"), branch + "\none\ntwo\n");
      git(clone, "add", branch + ".txt");
      git(clone, "commit", "-q", "-m", "Add " + branch + "\n\nWhy it matters.");
    }
    git(clone, "push", "-q", "origin", "feature", "topic");

    feature = open("feature", "Add a feature");
    review =
        app().post(REPO + "/pulls/1/reviews", "{\"event\": \"COMMENT\", \"body\": \"Fine.\"}").json;
    assertThat(app().post(REPO + "/issues/1/labels", "{\"labels\": [\"bug\"]}").status())
        .isEqualTo(200);
    issueNumber =
        app().post(REPO + "/issues", "{\"title\": \"Just an issue\"}").json.path("number").asInt();
    assertThat(
            app()
                .post(
                    REPO + "/issues/" + issueNumber + "/labels", "{\"labels\": [\"needs-triage\"]}")
                .status())
        .isEqualTo(200);
    merged = open("topic", "Add a topic");
    Http.Reply merge =
        app().send("PUT", REPO + "/pulls/" + merged.get("number").asInt() + "/merge", "{}");
    assertThat(merge.status()).as(merge.toString()).isEqualTo(200);
    merged = app().get(REPO + "/pulls/" + merged.get("number").asInt()).json;
  }

  private static void git(Path directory, String... arguments) {
    GitCli.Result result = new GitCli(work).run(directory, arguments);
    assertThat(result.succeeded()).as(result.output()).isTrue();
  }

  private static Http app() {
    return Http.at(github.baseUrl()).token(Tokens.mint(github.emulator(), 42, "{}"));
  }

  private static JsonNode open(String head, String title) {
    Http.Reply reply =
        app()
            .post(
                REPO + "/pulls",
                "{\"title\": \""
                    + title
                    + "\", \"head\": \""
                    + head
                    + "\", \"base\": \"main\","
                    + " \"body\": \"Please pull.\"}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json;
  }

  static Http.Reply query(String token, String query) {
    ObjectNode body = Http.JSON.createObjectNode().put("query", query);
    return Http.at(github.emulator().graphqlUrl()).bearer(token).post("", body.toString());
  }

  private static Http.Reply query(String query) {
    return query(Tokens.mint(github.emulator(), 42, "{}"), query);
  }

  @Test
  void pullRequest_byNumber_answersWhatRestAnswers() {
    Http.Reply reply =
        query(
            IN_REPO
                + " pullRequest(number: 1) { id fullDatabaseId number title body state isDraft"
                + " merged closed mergedAt url author { login } headRefName baseRefName"
                + " headRefOid baseRefOid headRef { name target { oid } } baseRef { name }"
                + " mergeable additions changedFiles repository { nameWithOwner }"
                + " commits(first: 10) { totalCount nodes { commit { messageHeadline } } }"
                + " labels(first: 5) { nodes { name color } } } } }");

    assertThat(reply.json.get("errors")).as(reply.toString()).isNull();
    JsonNode pull = reply.json.at("/data/repository/pullRequest");
    assertThat(pull.get("id").asText()).isEqualTo(feature.get("node_id").asText());
    assertThat(pull.get("fullDatabaseId").asLong()).isEqualTo(feature.get("id").asLong());
    assertThat(pull.get("title").asText()).isEqualTo("Add a feature");
    assertThat(pull.get("body").asText()).isEqualTo("Please pull.");
    assertThat(pull.get("state").asText()).isEqualTo("OPEN");
    assertThat(pull.get("isDraft").asBoolean()).isFalse();
    assertThat(pull.get("merged").asBoolean()).isFalse();
    assertThat(pull.get("mergedAt").isNull()).isTrue();
    assertThat(pull.get("url").asText()).isEqualTo(feature.get("html_url").asText());
    assertThat(pull.at("/author/login").asText()).isEqualTo(feature.at("/user/login").asText());
    assertThat(pull.get("headRefName").asText()).isEqualTo("feature");
    assertThat(pull.get("headRefOid").asText()).isEqualTo(feature.at("/head/sha").asText());
    assertThat(pull.get("baseRefOid").asText()).isEqualTo(feature.at("/base/sha").asText());
    assertThat(pull.at("/headRef/target/oid").asText()).isEqualTo(feature.at("/head/sha").asText());
    assertThat(pull.at("/baseRef/name").asText()).isEqualTo("main");
    assertThat(pull.get("mergeable").asText()).isEqualTo("MERGEABLE");
    assertThat(pull.get("additions").asInt()).isEqualTo(3);
    assertThat(pull.get("changedFiles").asInt()).isEqualTo(1);
    assertThat(pull.at("/repository/nameWithOwner").asText()).isEqualTo("octo-org/hello-world");
    assertThat(pull.at("/commits/totalCount").asInt()).isEqualTo(1);
    assertThat(pull.at("/commits/nodes/0/commit/messageHeadline").asText())
        .isEqualTo("Add feature");
    assertThat(pull.at("/labels/nodes"))
        .extracting(l -> l.get("name").asText() + " " + l.get("color").asText())
        .containsExactly("bug d73a4a");
  }

  @Test
  void pullRequests_merged_isTheMergedOneWithItsMergeCommit() {
    Http.Reply reply =
        query(
            IN_REPO
                + " pullRequests(first: 10, states: MERGED) { totalCount nodes { number state"
                + " merged closed mergedAt mergeable mergeCommit { oid } } } } }");

    JsonNode nodes = reply.json.at("/data/repository/pullRequests/nodes");
    assertThat(nodes).hasSize(1);
    JsonNode pull = nodes.get(0);
    assertThat(pull.get("number").asInt()).isEqualTo(merged.get("number").asInt());
    assertThat(pull.get("state").asText()).isEqualTo("MERGED");
    assertThat(pull.get("closed").asBoolean()).isTrue();
    assertThat(pull.get("mergedAt").asText()).isEqualTo(merged.get("merged_at").asText());
    assertThat(pull.get("mergeable").asText()).isEqualTo("UNKNOWN");
    assertThat(pull.at("/mergeCommit/oid").asText())
        .isEqualTo(merged.get("merge_commit_sha").asText());
  }

  @Test
  void pullRequests_byHeadRefName_andInPages_followTheirCursors() {
    Http.Reply byHead =
        query(
            IN_REPO + " pullRequests(first: 10, headRefName: \"topic\") { nodes { number } } } }");
    Http.Reply first =
        query(
            IN_REPO
                + " pullRequests(first: 1, orderBy: {field: CREATED_AT, direction: DESC}) {"
                + " totalCount nodes { number } pageInfo { endCursor hasNextPage } } } }");
    String cursor = first.json.at("/data/repository/pullRequests/pageInfo/endCursor").asText();
    Http.Reply second =
        query(
            IN_REPO
                + " pullRequests(first: 1, after: \""
                + cursor
                + "\", orderBy: {field: CREATED_AT, direction: DESC}) { nodes { number }"
                + " pageInfo { hasNextPage } } } }");

    assertThat(byHead.json.at("/data/repository/pullRequests/nodes/0/number").asInt())
        .isEqualTo(merged.get("number").asInt());
    assertThat(first.json.at("/data/repository/pullRequests/totalCount").asInt()).isEqualTo(2);
    assertThat(first.json.at("/data/repository/pullRequests/nodes/0/number").asInt()).isEqualTo(3);
    assertThat(first.json.at("/data/repository/pullRequests/pageInfo/hasNextPage").asBoolean())
        .isTrue();
    assertThat(second.json.at("/data/repository/pullRequests/nodes/0/number").asInt()).isEqualTo(1);
    assertThat(second.json.at("/data/repository/pullRequests/pageInfo/hasNextPage").asBoolean())
        .isFalse();
  }

  @Test
  void reviews_areWhatRestLists() {
    Http.Reply reply =
        query(
            IN_REPO
                + " pullRequest(number: 1) { reviews(first: 5, states: [COMMENTED]) { totalCount"
                + " nodes { id fullDatabaseId state body submittedAt author { login }"
                + " commit { oid } } } } } }");

    JsonNode reviews = reply.json.at("/data/repository/pullRequest/reviews");
    assertThat(reviews.get("totalCount").asInt()).as(reply.toString()).isEqualTo(1);
    JsonNode node = reviews.at("/nodes/0");
    assertThat(node.get("id").asText()).isEqualTo(review.get("node_id").asText());
    assertThat(node.get("fullDatabaseId").asLong()).isEqualTo(review.get("id").asLong());
    assertThat(node.get("state").asText()).isEqualTo("COMMENTED");
    assertThat(node.get("body").asText()).isEqualTo("Fine.");
    assertThat(node.get("submittedAt").asText()).isEqualTo(review.get("submitted_at").asText());
    assertThat(node.at("/commit/oid").asText()).isEqualTo(review.get("commit_id").asText());
  }

  @Test
  void node_byRestsNodeId_isThePullRequest() {
    Http.Reply reply =
        query(
            "{ node(id: \""
                + feature.get("node_id").asText()
                + "\") { __typename ... on PullRequest { number headRefName } } }");

    assertThat(reply.json.at("/data/node/__typename").asText()).isEqualTo("PullRequest");
    assertThat(reply.json.at("/data/node/number").asInt()).isEqualTo(1);
  }

  @Test
  void issues_leaveOutPullRequests_haveTheirLabels_andAPullRequestsNumberIsNoIssue() {
    Http.Reply reply =
        query(
            IN_REPO
                + " issues(first: 10) { nodes { number labels(first: 5) { nodes { name color } } } }"
                + " issueOrPullRequest(number: 1) { __typename } } }");
    Http.Reply asIssue = query(IN_REPO + " issue(number: 1) { title } } }");

    assertThat(reply.json.at("/data/repository/issues/nodes"))
        .extracting(n -> n.get("number").asInt())
        .containsExactly(issueNumber);
    JsonNode label = reply.json.at("/data/repository/issues/nodes/0/labels/nodes/0");
    assertThat(label.get("name").asText() + " " + label.get("color").asText())
        .isEqualTo("needs-triage ededed");
    assertThat(reply.json.at("/data/repository/issueOrPullRequest/__typename").asText())
        .isEqualTo("PullRequest");
    assertThat(asIssue.json.at("/errors/0/type").asText()).isEqualTo("NOT_FOUND");
    assertThat(asIssue.json.at("/errors/0/message").asText())
        .isEqualTo("Could not resolve to an Issue with the number of 1.");
  }

  @Test
  void pullRequests_withoutThePullRequestsPermission_areForbidden() {
    String issuesOnly =
        Tokens.mint(github.emulator(), 42, "{\"permissions\": {\"issues\": \"read\"}}");

    Http.Reply reply = query(issuesOnly, IN_REPO + " pullRequest(number: 1) { title } } }");
    Http.Reply node =
        query(issuesOnly, "{ node(id: \"" + feature.get("node_id").asText() + "\") { id } }");

    assertThat(reply.json.at("/data/repository/pullRequest").isNull()).isTrue();
    assertThat(reply.json.at("/errors/0/type").asText()).isEqualTo("FORBIDDEN");
    assertThat(node.json.at("/errors/0/type").asText()).isEqualTo("NOT_FOUND");
  }

  @Test
  void repositoryLabels_areTheDefaultsAndTheOnesMade_byName() {
    Http.Reply reply =
        query(
            IN_REPO
                + " labels(first: 3, orderBy: {field: NAME, direction: ASC}) { totalCount"
                + " nodes { name isDefault } } label(name: \"bug\") { id description url }"
                + " missing: label(name: \"no-such-label\") { id } } }");

    JsonNode repository = reply.json.at("/data/repository");
    assertThat(repository.at("/labels/totalCount").asInt()).isEqualTo(10);
    assertThat(repository.at("/labels/nodes"))
        .extracting(n -> n.get("name").asText())
        .containsExactly("bug", "documentation", "duplicate");
    assertThat(repository.at("/label/description").asText()).isEqualTo("Something isn't working");
    assertThat(repository.at("/label/id").asText()).isEqualTo(labelNodeId());
    assertThat(repository.get("missing").isNull()).isTrue();
  }

  private static String labelNodeId() {
    return app().get(REPO + "/labels/bug").json.get("node_id").asText();
  }
}
