package io.github.ghapp.emulator;

import static io.github.ghapp.emulator.JwtAuthenticationTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Updating and closing issues and labelling them: GitHub's answers and errors, the permission gate
 * ({@code issues: write}; {@code pull_requests} alone is not enough for an issue), the token's
 * scope, labels made on first use, the {@code issues} webhooks each change sends, and every answer
 * and payload against GitHub's published schemas.
 */
class IssueUpdateAndLabelsTest {

  @RegisterExtension
  static final GitHubEmulatorExtension github =
      GitHubEmulatorExtension.fromState("pulls-state.yaml");

  private static GitHubOpenApi openApi;
  private static final String REPO = "/repos/octo-org/hello-world";

  @BeforeAll
  static void loadTheDescription() {
    openApi = GitHubOpenApi.get();
  }

  private static Http as(String body) {
    return Http.at(github.baseUrl()).token(Tokens.mint(github.emulator(), 42, body));
  }

  private static Http app() {
    return as("{}");
  }

  private static int open(String title) {
    Http.Reply reply = app().post(REPO + "/issues", "{\"title\": \"" + title + "\"}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json.get("number").asInt();
  }

  private static void assertValid(JsonSchema schema, JsonNode document) {
    assertThat(GitHubOpenApi.problems(schema, document)).as("%s", document).isEmpty();
  }

  private static JsonNode sent(String action, int number) {
    return Deliveries.sent(
        github.emulator(), "issues", action, p -> p.at("/issue/number").asInt() == number);
  }

  @Test
  void patchIssue_titleAndBody_answersTheIssueAndSendsEditedWithTheChanges() {
    int number = open("Old title");

    Http.Reply reply =
        app()
            .send(
                "PATCH",
                REPO + "/issues/" + number,
                "{\"title\": \"New title\", \"body\": \"More detail.\"}");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.json.get("title").asText()).isEqualTo("New title");
    assertThat(reply.json.get("body").asText()).isEqualTo("More detail.");
    assertValid(
        openApi.response("/repos/{owner}/{repo}/issues/{issue_number}", "patch", 200), reply.json);
    JsonNode edited = sent("edited", number);
    assertThat(edited.at("/changes/title/from").asText()).isEqualTo("Old title");
    assertThat(edited.at("/changes/body/from").asText()).isEmpty();
    assertThat(edited.at("/sender/login").asText()).isEqualTo("pull-app[bot]");
    assertThat(edited.at("/installation/id").asLong()).isEqualTo(42);
    assertValid(openApi.webhook("issues-edited"), edited);
  }

  @Test
  void patchIssue_closedThenOpen_closesWithAReasonAndReopens() {
    int number = open("Close me");

    Http.Reply closed =
        app()
            .send(
                "PATCH",
                REPO + "/issues/" + number,
                "{\"state\": \"closed\", \"state_reason\": \"not_planned\"}");
    Http.Reply reopened = app().send("PATCH", REPO + "/issues/" + number, "{\"state\": \"open\"}");

    assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
    assertThat(closed.json.get("state").asText()).isEqualTo("closed");
    assertThat(closed.json.get("state_reason").asText()).isEqualTo("not_planned");
    assertThat(closed.json.get("closed_at").isNull()).isFalse();
    assertThat(closed.json.at("/closed_by/login").asText()).isEqualTo("pull-app[bot]");
    assertThat(reopened.json.get("state").asText()).isEqualTo("open");
    assertThat(reopened.json.get("state_reason").asText()).isEqualTo("reopened");
    assertThat(reopened.json.get("closed_at").isNull()).isTrue();
    assertValid(openApi.webhook("issues-closed"), sent("closed", number));
    assertValid(openApi.webhook("issues-reopened"), sent("reopened", number));
    assertThat(app().get(REPO + "/issues?state=closed").json)
        .noneMatch(i -> i.get("number").asInt() == number);
  }

  @Test
  void patchIssue_withLabels_replacesThemAndCreatesTheMissingOnes() {
    int number = open("Label me");

    Http.Reply reply =
        app()
            .send(
                "PATCH",
                REPO + "/issues/" + number,
                "{\"labels\": [\"bug\", {\"name\": \"needs-triage\"}]}");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.json.get("labels"))
        .extracting(l -> l.get("name").asText() + " " + l.get("color").asText())
        .containsExactly("bug d73a4a", "needs-triage ededed");
    assertThat(sent("labeled", number).at("/label/name").asText()).isIn("bug", "needs-triage");
  }

  @Test
  void patchIssue_withAnUnknownState_is422() {
    int number = open("Bad state");

    Http.Reply reply = app().send("PATCH", REPO + "/issues/" + number, "{\"state\": \"done\"}");

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.message()).contains("properties/state");
  }

  @Test
  void patchIssue_thatDoesNotExist_isNotFound() {
    assertRefused(
        app().send("PATCH", REPO + "/issues/9999", "{\"title\": \"x\"}"), 404, "Not Found");
  }

  @Test
  void patchIssue_withIssuesRead_is403WithTheAcceptedPermissions() {
    int number = open("Read only");

    Http.Reply reply =
        as("{\"permissions\": {\"issues\": \"read\"}}")
            .send("PATCH", REPO + "/issues/" + number, "{\"title\": \"x\"}");

    assertRefused(reply, 403, "Resource not accessible by integration");
    assertThat(reply.header("X-Accepted-GitHub-Permissions"))
        .isEqualTo("issues=write; pull_requests=write");
  }

  @Test
  void patchIssue_withOnlyPullRequestsWrite_is403ForAnIssue() {
    int number = open("Not a pull request");

    Http.Reply reply =
        as("{\"permissions\": {\"pull_requests\": \"write\"}}")
            .send("PATCH", REPO + "/issues/" + number, "{\"title\": \"x\"}");

    assertRefused(reply, 403, "Resource not accessible by integration");
  }

  @Test
  void patchIssue_outsideTheTokensRepositories_isNotFound() {
    int number = open("Out of scope");

    assertRefused(
        as("{\"repositories\": [\"docs\"]}")
            .send("PATCH", REPO + "/issues/" + number, "{\"title\": \"x\"}"),
        404,
        "Not Found");
  }

  @Test
  void patchIssue_withoutCredentials_is401() {
    assertRefused(
        Http.at(github.baseUrl()).send("PATCH", REPO + "/issues/1", "{\"title\": \"x\"}"),
        401,
        "Requires authentication");
  }

  @Test
  void addLabels_thenSetThenRemove_answersTheIssuesLabelsEachTime() {
    int number = open("Labels");
    String labels = REPO + "/issues/" + number + "/labels";

    Http.Reply added = app().post(labels, "{\"labels\": [\"enhancement\", \"Bug\"]}");
    Http.Reply again = app().post(labels, "[\"bug\", \"later\"]");
    Http.Reply set = app().send("PUT", labels, "{\"labels\": [\"later\", \"question\"]}");
    Http.Reply removed = app().delete(labels + "/later");
    Http.Reply missing = app().delete(labels + "/later");

    assertThat(added.status()).as(added.toString()).isEqualTo(200);
    assertThat(names(added)).containsExactly("enhancement", "bug");
    assertThat(names(again)).containsExactly("enhancement", "bug", "later");
    assertThat(names(set)).containsExactly("later", "question");
    assertThat(names(removed)).containsExactly("question");
    assertRefused(missing, 404, "Label does not exist");
    assertThat(names(app().get(labels))).containsExactly("question");
    assertValid(
        openApi.response("/repos/{owner}/{repo}/issues/{issue_number}/labels", "post", 200),
        added.json);
    assertValid(
        openApi.response("/repos/{owner}/{repo}/issues/{issue_number}/labels", "put", 200),
        set.json);
    assertValid(
        openApi.response(
            "/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}", "delete", 200),
        removed.json);
    assertValid(
        openApi.response("/repos/{owner}/{repo}/issues/{issue_number}/labels", "get", 200),
        app().get(labels).json);
    assertValid(openApi.webhook("issues-labeled"), sent("labeled", number));
    assertValid(openApi.webhook("issues-unlabeled"), sent("unlabeled", number));
  }

  @Test
  void removeAllLabels_answers204AndLeavesNone() {
    int number = open("Unlabel all");
    String labels = REPO + "/issues/" + number + "/labels";
    app().post(labels, "[\"bug\"]");

    Http.Reply reply = app().delete(labels);

    assertThat(reply.status()).isEqualTo(204);
    assertThat(app().get(labels).json).isEmpty();
    assertThat(sent("unlabeled", number).at("/label/name").asText()).isEqualTo("bug");
  }

  @Test
  void addLabels_withoutLabels_is422() {
    int number = open("No labels given");

    Http.Reply reply = app().post(REPO + "/issues/" + number + "/labels", "{}");

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.message()).contains("labels");
  }

  @Test
  void addLabels_withIssuesRead_is403() {
    int number = open("Read only labels");

    assertRefused(
        as("{\"permissions\": {\"issues\": \"read\"}}")
            .post(REPO + "/issues/" + number + "/labels", "[\"bug\"]"),
        403,
        "Resource not accessible by integration");
  }

  @Test
  void repositoryLabels_startWithGitHubsDefaultsAndGrowOnUse() {
    int number = open("New label");
    app().post(REPO + "/issues/" + number + "/labels", "[\"brand-new\"]");

    Http.Reply all = app().get("/repos/octo-org/hello-world/labels?per_page=100");
    Http.Reply one = app().get("/repos/octo-org/hello-world/labels/good%20first%20issue");

    assertThat(names(all)).startsWith("bug", "documentation").contains("brand-new");
    assertThat(all.json.get(0).get("default").asBoolean()).isTrue();
    assertThat(one.json.get("color").asText()).isEqualTo("7057ff");
    assertThat(one.json.get("url").asText()).endsWith("/labels/good%20first%20issue");
    assertValid(openApi.response("/repos/{owner}/{repo}/labels", "get", 200), all.json);
    assertValid(openApi.response("/repos/{owner}/{repo}/labels/{name}", "get", 200), one.json);
    assertRefused(app().get("/repos/octo-org/hello-world/labels/nope"), 404, "Not Found");
  }

  @Test
  void createLabel_answers201_andTheSameNameAgainIs422AlreadyExists() {
    Http.Reply created =
        app()
            .post(
                "/repos/octo-org/docs/labels",
                "{\"name\": \"ci\", \"color\": \"#00FF00\", \"description\": \"Builds\"}");
    Http.Reply again = app().post("/repos/octo-org/docs/labels", "{\"name\": \"CI\"}");

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json.get("color").asText()).isEqualTo("00ff00");
    assertValid(openApi.response("/repos/{owner}/{repo}/labels", "post", 201), created.json);
    assertThat(again.status()).isEqualTo(422);
    assertThat(again.json.at("/errors/0/code").asText()).isEqualTo("already_exists");
    assertValid(openApi.component("validation-error"), again.json);
  }

  private static java.util.List<String> names(Http.Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    java.util.List<String> names = new java.util.ArrayList<>();
    reply.json.forEach(l -> names.add(l.get("name").asText()));
    return names;
  }
}
