package io.github.ghapp.emulator;

import static io.github.ghapp.emulator.JwtAuthenticationTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reviews and review comments: pull-app opens the pull requests, reviewer-app (installation 52)
 * reviews them; pending and submitted reviews, comments placed on the diff's lines, GitHub's
 * refusals, the permission gate, and the {@code pull_request_review} and {@code
 * pull_request_review_comment} webhooks, all against GitHub's published schemas.
 */
class ReviewsTest {

  @RegisterExtension
  static final GitHubEmulatorExtension github =
      GitHubEmulatorExtension.fromState("pulls-state.yaml");

  private static final String REPO = "/repos/octo-org/hello-world";
  private static final AtomicInteger branches = new AtomicInteger();
  private static GitHubOpenApi openApi;

  @BeforeAll
  static void loadTheDescription() {
    openApi = GitHubOpenApi.get();
  }

  private static Http author() {
    return Http.at(github.baseUrl()).token(Tokens.mint(github.emulator(), 42, "{}"));
  }

  private static Http reviewer() {
    Http.Reply minted = Tokens.mintReplyFor(github.emulator(), 1002, 52);
    assertThat(minted.status()).as(minted.toString()).isEqualTo(201);
    return Http.at(github.baseUrl()).token(minted.json.get("token").asText());
  }

  /** A pull request adding {@code notes-N.txt} with the lines one, two, three; its number. */
  private static int pullRequest() {
    String branch = "review-" + branches.incrementAndGet();
    Branches.commit(
        github.emulator(),
        "octo-org",
        "hello-world",
        branch,
        "main",
        branch + ".txt",
        "one\ntwo\nthree\n",
        "Add notes");
    Http.Reply reply =
        author()
            .post(
                REPO + "/pulls",
                "{\"title\": \"Review me\", \"head\": \"" + branch + "\", \"base\": \"main\"}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json.get("number").asInt();
  }

  private static String file(int number) {
    return author().get(REPO + "/pulls/" + number + "/files").json.get(0).get("filename").asText();
  }

  private static void assertValid(JsonSchema schema, JsonNode document) {
    assertThat(GitHubOpenApi.problems(schema, document)).as("%s", document).isEmpty();
  }

  @Test
  void approve_byAnotherApp_isSubmittedAndSendsPullRequestReviewSubmitted() {
    int number = pullRequest();

    Http.Reply reply =
        reviewer()
            .post(
                REPO + "/pulls/" + number + "/reviews",
                "{\"event\": \"APPROVE\", \"body\": \"Ship it\"}");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.json.get("state").asText()).isEqualTo("APPROVED");
    assertThat(reply.json.at("/user/login").asText()).isEqualTo("reviewer-app[bot]");
    assertThat(reply.json.get("submitted_at").isTextual()).isTrue();
    assertValid(
        openApi.response("/repos/{owner}/{repo}/pulls/{pull_number}/reviews", "post", 200),
        reply.json);
    long id = reply.json.get("id").asLong();
    Http.Reply one = author().get(REPO + "/pulls/" + number + "/reviews/" + id);
    assertThat(one.json.get("id").asLong()).isEqualTo(id);
    assertValid(
        openApi.response(
            "/repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}", "get", 200),
        one.json);
    JsonNode sent =
        Deliveries.sent(
            github.emulator(),
            "pull_request_review",
            "submitted",
            p -> p.at("/review/id").asLong() == id);
    assertThat(sent.at("/review/state").asText()).isEqualTo("approved");
    assertThat(sent.at("/sender/login").asText()).isEqualTo("reviewer-app[bot]");
    assertThat(sent.at("/installation/id").asLong()).isEqualTo(42);
    assertValid(openApi.webhook("pull-request-review-submitted"), sent);
  }

  @Test
  void approve_ofTheAppsOwnPullRequest_is422() {
    int number = pullRequest();

    Http.Reply approve =
        author().post(REPO + "/pulls/" + number + "/reviews", "{\"event\": \"APPROVE\"}");
    Http.Reply changes =
        author()
            .post(
                REPO + "/pulls/" + number + "/reviews",
                "{\"event\": \"REQUEST_CHANGES\", \"body\": \"No\"}");

    assertThat(approve.status()).isEqualTo(422);
    assertThat(approve.json.at("/errors/0").asText())
        .isEqualTo("Can not approve your own pull request");
    assertThat(changes.json.at("/errors/0").asText())
        .isEqualTo("Can not request changes on your own pull request");
  }

  @Test
  void reviewWithoutEvent_isPending_andListed() {
    int number = pullRequest();

    Http.Reply pending =
        reviewer().post(REPO + "/pulls/" + number + "/reviews", "{\"body\": \"Thinking\"}");
    Http.Reply list = author().get(REPO + "/pulls/" + number + "/reviews");

    assertThat(pending.json.get("state").asText()).isEqualTo("PENDING");
    assertThat(pending.json.has("submitted_at")).isFalse();
    assertThat(list.json).extracting(r -> r.get("state").asText()).containsExactly("PENDING");
    assertValid(
        openApi.response("/repos/{owner}/{repo}/pulls/{pull_number}/reviews", "get", 200),
        list.json);
    assertRefused(author().get(REPO + "/pulls/" + number + "/reviews/12345"), 404, "Not Found");
    assertThat(
            reviewer()
                .post(REPO + "/pulls/" + number + "/reviews", "{\"event\": \"SHRUG\"}")
                .status())
        .isEqualTo(422);
  }

  @Test
  void reviewComment_onALineOfTheDiff_answers201AndSendsCreated() {
    int number = pullRequest();
    String path = file(number);
    String head = author().get(REPO + "/pulls/" + number).json.at("/head/sha").asText();

    Http.Reply reply =
        reviewer()
            .post(
                REPO + "/pulls/" + number + "/comments",
                "{\"body\": \"Why two?\", \"commit_id\": \""
                    + head
                    + "\", \"path\": \""
                    + path
                    + "\", \"line\": 2}");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    assertThat(reply.json.get("position").asInt()).isEqualTo(2);
    assertThat(reply.json.get("diff_hunk").asText()).startsWith("@@").endsWith("+two");
    assertThat(reply.json.get("side").asText()).isEqualTo("RIGHT");
    assertThat(reply.header("Location")).isEqualTo(reply.json.get("url").asText());
    assertValid(
        openApi.response("/repos/{owner}/{repo}/pulls/{pull_number}/comments", "post", 201),
        reply.json);
    long id = reply.json.get("id").asLong();
    Http.Reply answer =
        author()
            .post(
                REPO + "/pulls/" + number + "/comments",
                "{\"body\": \"Why not?\", \"in_reply_to\": " + id + "}");
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    assertThat(answer.json.get("in_reply_to_id").asLong()).isEqualTo(id);
    Http.Reply list = author().get(REPO + "/pulls/" + number + "/comments");
    assertThat(list.json)
        .extracting(c -> c.get("body").asText())
        .containsExactly("Why two?", "Why not?");
    assertValid(
        openApi.response("/repos/{owner}/{repo}/pulls/{pull_number}/comments", "get", 200),
        list.json);
    assertThat(author().get(REPO + "/pulls/" + number).json.get("review_comments").asInt())
        .isEqualTo(2);
    JsonNode created =
        Deliveries.sent(
            github.emulator(),
            "pull_request_review_comment",
            "created",
            p -> p.at("/comment/id").asLong() == id);
    assertValid(openApi.webhook("pull-request-review-comment-created"), created);
  }

  @Test
  void reviewWithComments_createsThemInTheReview() {
    int number = pullRequest();
    String path = file(number);

    Http.Reply reply =
        reviewer()
            .post(
                REPO + "/pulls/" + number + "/reviews",
                "{\"event\": \"COMMENT\", \"comments\": [{\"path\": \""
                    + path
                    + "\", \"line\": 3, \"body\": \"Three!\"}]}");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    JsonNode comment = author().get(REPO + "/pulls/" + number + "/comments").json.get(0);
    assertThat(comment.get("pull_request_review_id").asLong())
        .isEqualTo(reply.json.get("id").asLong());
    assertThat(comment.get("line").asInt()).isEqualTo(3);
  }

  @Test
  void reviewComment_refusals_areGitHubs422sAnd403() {
    int number = pullRequest();
    String path = file(number);
    String head = author().get(REPO + "/pulls/" + number).json.at("/head/sha").asText();
    String comments = REPO + "/pulls/" + number + "/comments";

    Http.Reply noPath =
        reviewer()
            .post(
                comments,
                "{\"body\": \"x\", \"commit_id\": \""
                    + head
                    + "\", \"path\": \"nope.txt\", \"line\": 1}");
    Http.Reply noLine =
        reviewer()
            .post(
                comments,
                "{\"body\": \"x\", \"commit_id\": \""
                    + head
                    + "\", \"path\": \""
                    + path
                    + "\", \"line\": 40}");
    Http.Reply noCommit =
        reviewer().post(comments, "{\"body\": \"x\", \"path\": \"" + path + "\", \"line\": 1}");
    Http.Reply forbidden =
        Http.at(github.baseUrl())
            .token(
                Tokens.mint(
                    github.emulator(), 42, "{\"permissions\": {\"pull_requests\": \"read\"}}"))
            .post(
                REPO + "/pulls/" + number + "/reviews",
                "{\"event\": \"COMMENT\", \"body\": \"x\"}");

    assertThat(noPath.status()).isEqualTo(422);
    assertThat(noPath.json.at("/errors/0/field").asText())
        .isEqualTo("pull_request_review_thread.path");
    assertValid(openApi.component("validation-error"), noPath.json);
    assertThat(noLine.json.at("/errors/0/field").asText())
        .isEqualTo("pull_request_review_thread.line");
    assertThat(noCommit.status()).isEqualTo(422);
    assertRefused(forbidden, 403, "Resource not accessible by integration");
    assertThat(forbidden.header("X-Accepted-GitHub-Permissions")).isEqualTo("pull_requests=write");
    assertRefused(author().get(REPO + "/pulls/9999/comments"), 404, "Not Found");
  }
}
