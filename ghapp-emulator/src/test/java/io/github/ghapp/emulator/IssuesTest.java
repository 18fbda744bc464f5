package io.github.ghapp.emulator;

import static io.github.ghapp.emulator.JwtAuthenticationTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issues and comments over REST: GitHub's shapes, written by the app's bot user, {@code issues}
 * read/write checked, the token's scope honoured, public repositories readable but never writable
 * by a foreign installation.
 */
class IssuesTest {

  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  @BeforeAll
  static void addAPublicRepositoryOutsideInstallation42() {
    github.emulator().createRepository("octocat", "public-notes", false);
  }

  private static Http api() {
    return Http.at(github.baseUrl());
  }

  /** Installation 42: octo-org's hello-world and docs, issues write. */
  private static String token42(String body) {
    return Tokens.mint(github.emulator(), 42, body);
  }

  private static JsonNode open(String token, String repository, String title) {
    Http.Reply reply =
        api()
            .token(token)
            .post(
                "/repos/" + repository + "/issues",
                "{\"title\": \"" + title + "\", \"body\": \"Found by a test.\"}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json;
  }

  @Test
  void createIssue_withIssuesWrite_answers201WithTheIssueWrittenByTheBot() {
    Http.Reply reply =
        api()
            .token(token42("{}"))
            .post(
                "/repos/octo-org/hello-world/issues",
                "{\"title\": \"Found a bug\", \"body\": \"It breaks.\", \"labels\": [\"bug\"]}");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    JsonNode issue = reply.json;
    assertThat(issue.get("title").asText()).isEqualTo("Found a bug");
    assertThat(issue.get("body").asText()).isEqualTo("It breaks.");
    assertThat(issue.get("state").asText()).isEqualTo("open");
    assertThat(issue.get("number").asInt()).isPositive();
    assertThat(issue.get("labels")).isEmpty();
    assertThat(issue.get("user").get("login").asText()).isEqualTo("octo-app[bot]");
    assertThat(issue.get("user").get("type").asText()).isEqualTo("Bot");
    assertThat(issue.get("performed_via_github_app").get("slug").asText()).isEqualTo("octo-app");
    String number = issue.get("number").asText();
    assertThat(issue.get("url").asText())
        .isEqualTo(github.baseUrl() + "/repos/octo-org/hello-world/issues/" + number);
    assertThat(issue.get("html_url").asText()).endsWith("/octo-org/hello-world/issues/" + number);
    assertThat(reply.header("Location")).isEqualTo(issue.get("url").asText());
  }

  @Test
  void createIssue_twice_numbersThemInTurnPerRepository() {
    String token = token42("{}");

    int first = open(token, "octo-org/docs", "one").get("number").asInt();
    int second = open(token, "octo-org/docs", "two").get("number").asInt();

    assertThat(second).isEqualTo(first + 1);
  }

  @Test
  void getIssue_afterCreating_answersTheSameIssue() {
    String token = token42("{}");
    JsonNode created = open(token, "octo-org/hello-world", "read me back");

    Http.Reply reply =
        api()
            .token(token)
            .get("/repos/octo-org/hello-world/issues/" + created.get("number").asInt());

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json).isEqualTo(created);
  }

  @Test
  void getIssue_thatDoesNotExist_isNotFound() {
    assertRefused(
        api().token(token42("{}")).get("/repos/octo-org/hello-world/issues/9999"),
        404,
        "Not Found");
  }

  @Test
  void listIssues_answersOpenIssuesNewestFirst() {
    String token = token42("{}");
    open(token, "octo-org/hello-world", "older");
    open(token, "octo-org/hello-world", "newer");

    Http.Reply reply = api().token(token).get("/repos/octo-org/hello-world/issues?per_page=2");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json)
        .extracting(i -> i.get("title").asText())
        .containsExactly("newer", "older");
  }

  @Test
  void createComment_onAnIssue_answers201AndIsListedAndCounted() {
    String token = token42("{}");
    int number = open(token, "octo-org/hello-world", "discuss").get("number").asInt();
    String issuePath = "/repos/octo-org/hello-world/issues/" + number;

    Http.Reply created =
        api().token(token).post(issuePath + "/comments", "{\"body\": \"Thanks!\"}");

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json.get("body").asText()).isEqualTo("Thanks!");
    assertThat(created.json.get("user").get("login").asText()).isEqualTo("octo-app[bot]");
    assertThat(created.json.get("issue_url").asText()).isEqualTo(github.baseUrl() + issuePath);
    assertThat(created.header("Location")).isEqualTo(created.json.get("url").asText());
    Http.Reply listed = api().token(token).get(issuePath + "/comments");
    assertThat(listed.json).containsExactly(created.json);
    assertThat(api().token(token).get(issuePath).json.get("comments").asInt()).isEqualTo(1);
  }

  @Test
  void createComment_onAnIssueThatDoesNotExist_isNotFound() {
    assertRefused(
        api()
            .token(token42("{}"))
            .post("/repos/octo-org/hello-world/issues/9999/comments", "{\"body\": \"hello?\"}"),
        404,
        "Not Found");
  }

  @Test
  void createIssue_withoutTitle_is422SayingSo() {
    assertRefused(
        api()
            .token(token42("{}"))
            .post("/repos/octo-org/hello-world/issues", "{\"body\": \"no title\"}"),
        422,
        "Invalid request.\n\n\"title\" wasn't supplied.");
  }

  @Test
  void createComment_withoutBody_is422SayingSo() {
    String token = token42("{}");
    int number = open(token, "octo-org/hello-world", "silent").get("number").asInt();

    assertRefused(
        api().token(token).post("/repos/octo-org/hello-world/issues/" + number + "/comments", "{}"),
        422,
        "Invalid request.\n\n\"body\" wasn't supplied.");
  }

  @Test
  void createIssue_withATokenNarrowedToIssuesRead_is403ResourceNotAccessible() {
    String reader = token42("{\"permissions\": {\"issues\": \"read\"}}");

    assertRefused(
        api().token(reader).post("/repos/octo-org/hello-world/issues", "{\"title\": \"nope\"}"),
        403,
        "Resource not accessible by integration");
    assertRefused(
        api()
            .token(reader)
            .post("/repos/octo-org/hello-world/issues/1/comments", "{\"body\": \"nope\"}"),
        403,
        "Resource not accessible by integration");
  }

  @Test
  void listIssues_withATokenWithoutIssuesPermission_is403ResourceNotAccessible() {
    String contentsOnly = token42("{\"permissions\": {\"contents\": \"read\"}}");

    assertRefused(
        api().token(contentsOnly).get("/repos/octo-org/hello-world/issues"),
        403,
        "Resource not accessible by integration");
  }

  @Test
  void createIssue_inAPrivateRepositoryOutsideTheScope_isNotFound() {
    assertRefused(
        api()
            .token(token42("{}"))
            .post("/repos/octo-org/secret-plans/issues", "{\"title\": \"x\"}"),
        404,
        "Not Found");
    String docsOnly = token42("{\"repositories\": [\"docs\"]}");
    assertRefused(
        api().token(docsOnly).post("/repos/octo-org/hello-world/issues", "{\"title\": \"x\"}"),
        404,
        "Not Found");
    assertRefused(
        api().token(docsOnly).get("/repos/octo-org/hello-world/issues"), 404, "Not Found");
  }

  @Test
  void publicRepository_isReadableByAForeignInstallationButNotWritable() {
    String owners = Tokens.mint(github.emulator(), 43, "{}");
    int number = open(owners, "octocat/public-notes", "public knowledge").get("number").asInt();
    String foreign = token42("{}");

    assertThat(api().token(foreign).get("/repos/octocat/public-notes/issues/" + number).status())
        .isEqualTo(200);
    assertThat(api().get("/repos/octocat/public-notes/issues/" + number + "/comments").status())
        .isEqualTo(200);
    assertRefused(
        api()
            .token(foreign)
            .post("/repos/octocat/public-notes/issues", "{\"title\": \"drive-by\"}"),
        403,
        "Resource not accessible by integration");
    assertRefused(
        api()
            .token(foreign)
            .post(
                "/repos/octocat/public-notes/issues/" + number + "/comments",
                "{\"body\": \"drive-by\"}"),
        403,
        "Resource not accessible by integration");
  }

  @Test
  void createIssue_withoutCredentials_is401RequiresAuthentication() {
    assertRefused(
        api().post("/repos/octocat/public-notes/issues", "{\"title\": \"anonymous\"}"),
        401,
        "Requires authentication");
  }
}
