package io.github.ghapp.emulator;

import static io.github.ghapp.emulator.JwtAuthenticationTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pull requests on the real bare repositories: opening between branches written with JGit, GitHub's
 * 422s, listing with filters, files and commits, updating, and merging (a merge commit, a squash, a
 * rebase) with the 405 and 409 refusals; each answer and {@code pull_request} webhook against
 * GitHub's published schemas, and the permission gate's refusals.
 */
class PullRequestsTest {

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

  private static Http as(String body) {
    return Http.at(github.baseUrl()).token(Tokens.mint(github.emulator(), 42, body));
  }

  private static Http app() {
    return as("{}");
  }

  /** A new branch off main with one commit adding a file of its own. */
  private static String branch() {
    String name = "feature-" + branches.incrementAndGet();
    Branches.commit(
        github.emulator(),
        "octo-org",
        "hello-world",
        name,
        "main",
        name + ".txt",
        "one\ntwo\n",
        "Add " + name);
    return name;
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
                    + "\", \"base\": \"main\", \"body\": \"Please pull.\"}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json;
  }

  private static void assertValid(JsonSchema schema, JsonNode document) {
    assertThat(GitHubOpenApi.problems(schema, document)).as("%s", document).isEmpty();
  }

  private static JsonNode sent(String action, int number) {
    return Deliveries.sent(
        github.emulator(), "pull_request", action, p -> p.get("number").asInt() == number);
  }

  private static void assertValidation(
      Http.Reply reply, String field, String code, String message) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(422);
    assertThat(reply.message()).isEqualTo("Validation Failed");
    JsonNode error = reply.json.at("/errors/0");
    assertThat(error.get("resource").asText()).isEqualTo("PullRequest");
    assertThat(error.get("code").asText()).isEqualTo(code);
    if (field != null) {
      assertThat(error.get("field").asText()).isEqualTo(field);
    }
    if (message != null) {
      assertThat(error.get("message").asText()).isEqualTo(message);
    }
    assertValid(openApi.component("validation-error"), reply.json);
  }

  @Test
  void createPullRequest_betweenBranches_answers201AndIsAnIssueOfTheSameSequence() {
    String head = branch();
    String headSha = Branches.tip(github.emulator(), "octo-org", "hello-world", head);
    Http.Reply issue = app().post(REPO + "/issues", "{\"title\": \"Before the pull\"}");

    JsonNode pull = open(head, "Add a file");

    int number = pull.get("number").asInt();
    assertThat(number).isEqualTo(issue.json.get("number").asInt() + 1);
    assertThat(pull.at("/head/ref").asText()).isEqualTo(head);
    assertThat(pull.at("/head/sha").asText()).isEqualTo(headSha);
    assertThat(pull.at("/base/ref").asText()).isEqualTo("main");
    assertThat(pull.get("state").asText()).isEqualTo("open");
    assertThat(pull.get("commits").asInt()).isEqualTo(1);
    assertThat(pull.get("additions").asInt()).isEqualTo(2);
    assertThat(pull.get("changed_files").asInt()).isEqualTo(1);
    assertThat(pull.get("mergeable").asBoolean()).isTrue();
    assertThat(pull.at("/user/login").asText()).isEqualTo("pull-app[bot]");
    assertValid(openApi.response("/repos/{owner}/{repo}/pulls", "post", 201), pull);
    JsonNode asIssue = app().get(REPO + "/issues/" + number).json;
    assertThat(asIssue.at("/pull_request/url").asText()).isEqualTo(pull.get("url").asText());
    assertThat(app().get(REPO + "/pulls/" + number).json.get("id")).isEqualTo(pull.get("id"));
    assertValid(
        openApi.response("/repos/{owner}/{repo}/pulls/{pull_number}", "get", 200),
        app().get(REPO + "/pulls/" + number).json);
    JsonNode opened = sent("opened", number);
    assertThat(opened.at("/installation/id").asLong()).isEqualTo(42);
    assertValid(openApi.webhook("pull-request-opened"), opened);
  }

  @Test
  void createPullRequest_refusals_areGitHubs422s() {
    String head = branch();
    open(head, "First");

    assertValidation(
        app().post(REPO + "/pulls", "{\"title\": \"t\", \"head\": \"nope\", \"base\": \"main\"}"),
        "head",
        "invalid",
        null);
    assertValidation(
        app()
            .post(
                REPO + "/pulls",
                "{\"title\": \"t\", \"head\": \"" + head + "\", \"base\": \"nope\"}"),
        "base",
        "invalid",
        null);
    assertValidation(
        app().post(REPO + "/pulls", "{\"head\": \"" + head + "\", \"base\": \"main\"}"),
        "title",
        "missing_field",
        null);
    assertValidation(
        app().post(REPO + "/pulls", "{\"title\": \"t\", \"head\": \"main\", \"base\": \"main\"}"),
        null,
        "custom",
        "No commits between main and main");
    assertValidation(
        app()
            .post(
                REPO + "/pulls",
                "{\"title\": \"t\", \"head\": \"octo-org:" + head + "\", \"base\": \"main\"}"),
        null,
        "custom",
        "A pull request already exists for octo-org:" + head + ".");
  }

  @Test
  void createPullRequest_withoutPullRequestsWrite_is403_andOutOfScopeIs404() {
    String head = branch();
    String body = "{\"title\": \"t\", \"head\": \"" + head + "\", \"base\": \"main\"}";

    Http.Reply refused =
        as("{\"permissions\": {\"pull_requests\": \"read\"}}").post(REPO + "/pulls", body);

    assertRefused(refused, 403, "Resource not accessible by integration");
    assertThat(refused.header("X-Accepted-GitHub-Permissions")).isEqualTo("pull_requests=write");
    assertRefused(
        as("{\"repositories\": [\"docs\"]}").post(REPO + "/pulls", body), 404, "Not Found");
  }

  @Test
  void listPullRequests_filtersByStateHeadAndBase_andPaginates() {
    String first = branch();
    String second = branch();
    int a = open(first, "List one").get("number").asInt();
    int b = open(second, "List two").get("number").asInt();
    app().send("PATCH", REPO + "/pulls/" + a, "{\"state\": \"closed\"}");

    Http.Reply open = app().get(REPO + "/pulls?head=octo-org:" + second);
    Http.Reply closed = app().get(REPO + "/pulls?state=closed&base=main");
    Http.Reply paged = app().get(REPO + "/pulls?state=all&per_page=1");

    assertThat(open.json).extracting(p -> p.get("number").asInt()).containsExactly(b);
    assertThat(closed.json).extracting(p -> p.get("number").asInt()).contains(a).doesNotContain(b);
    assertThat(paged.json).hasSize(1);
    assertThat(paged.header("Link")).contains("rel=\"next\"");
    assertValid(openApi.response("/repos/{owner}/{repo}/pulls", "get", 200), closed.json);
    assertThat(app().get(REPO + "/pulls?base=other").json).isEmpty();
  }

  @Test
  void filesAndCommits_listWhatTheHeadChanged() {
    String head = branch();
    Branches.commit(
        github.emulator(),
        "octo-org",
        "hello-world",
        head,
        "main",
        "README.md",
        "# changed\n",
        "Change the README");
    int number = open(head, "Two commits").get("number").asInt();

    Http.Reply files = app().get(REPO + "/pulls/" + number + "/files");
    Http.Reply commits = app().get(REPO + "/pulls/" + number + "/commits");

    assertThat(files.json)
        .extracting(f -> f.get("filename").asText() + " " + f.get("status").asText())
        .containsExactlyInAnyOrder("README.md modified", head + ".txt added");
    JsonNode added =
        files.json.get(0).get("status").asText().equals("added")
            ? files.json.get(0)
            : files.json.get(1);
    assertThat(added.get("patch").asText()).startsWith("@@").contains("+one");
    assertThat(commits.json)
        .extracting(c -> c.at("/commit/message").asText())
        .containsExactly("Add " + head, "Change the README");
    assertValid(
        openApi.response("/repos/{owner}/{repo}/pulls/{pull_number}/files", "get", 200),
        files.json);
    // A null author (a Git identity that is no GitHub user, as GitHub answers it) matches both
    // branches of the schema's nullable oneOf in the validator; everything else must be clean.
    assertThat(commits.json).allMatch(c -> c.get("author").isNull());
    assertThat(
            GitHubOpenApi.problems(
                    openApi.response(
                        "/repos/{owner}/{repo}/pulls/{pull_number}/commits", "get", 200),
                    commits.json)
                .lines()
                .filter(
                    l -> !l.matches("/\\d+/(author|committer): must be valid to one and only.*")))
        .isEmpty();
  }

  @Test
  void updatePullRequest_titleStateAndBase_answersItAndSendsEditedClosedReopened() {
    String head = branch();
    Branches.commit(
        github.emulator(),
        "octo-org",
        "hello-world",
        "release",
        "main",
        "release.txt",
        "r\n",
        "Start release");
    int number = open(head, "Old").get("number").asInt();
    String path = REPO + "/pulls/" + number;

    Http.Reply edited = app().send("PATCH", path, "{\"title\": \"New\", \"base\": \"release\"}");
    Http.Reply closed = app().send("PATCH", path, "{\"state\": \"closed\"}");
    Http.Reply reopened = app().send("PATCH", path, "{\"state\": \"open\"}");
    Http.Reply badBase = app().send("PATCH", path, "{\"base\": \"nope\"}");

    assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
    assertThat(edited.json.get("title").asText()).isEqualTo("New");
    assertThat(edited.json.at("/base/ref").asText()).isEqualTo("release");
    assertValid(
        openApi.response("/repos/{owner}/{repo}/pulls/{pull_number}", "patch", 200), edited.json);
    assertThat(closed.json.get("state").asText()).isEqualTo("closed");
    assertThat(reopened.json.get("state").asText()).isEqualTo("open");
    assertValidation(badBase, "base", "invalid", null);
    JsonNode titleEdit =
        Deliveries.sent(
            github.emulator(),
            "pull_request",
            "edited",
            p -> p.get("number").asInt() == number && p.at("/changes/title").isObject());
    assertThat(titleEdit.at("/changes/title/from").asText()).isEqualTo("Old");
    JsonNode baseEdit =
        Deliveries.sent(
            github.emulator(),
            "pull_request",
            "edited",
            p -> p.get("number").asInt() == number && p.at("/changes/base").isObject());
    assertThat(baseEdit.at("/changes/base/ref/from").asText()).isEqualTo("main");
    assertValid(openApi.webhook("pull-request-edited"), titleEdit);
    JsonNode closing = sent("closed", number);
    assertThat(closing.at("/pull_request/merged").asBoolean()).isFalse();
    assertValid(openApi.webhook("pull-request-closed"), closing);
    assertValid(openApi.webhook("pull-request-reopened"), sent("reopened", number));
  }

  @Test
  void merge_makesAMergeCommitOnTheBaseBranch_andSendsClosedMerged() {
    String head = branch();
    String headSha = Branches.tip(github.emulator(), "octo-org", "hello-world", head);
    String mainBefore = Branches.tip(github.emulator(), "octo-org", "hello-world", "main");
    int number = open(head, "Merge me").get("number").asInt();
    String path = REPO + "/pulls/" + number;
    assertThat(app().get(path + "/merge").status()).isEqualTo(404);

    Http.Reply merged = app().send("PUT", path + "/merge", "{\"sha\": \"" + headSha + "\"}");

    assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
    assertThat(merged.json.get("merged").asBoolean()).isTrue();
    assertThat(merged.json.get("message").asText()).isEqualTo("Pull Request successfully merged");
    assertValid(
        openApi.response("/repos/{owner}/{repo}/pulls/{pull_number}/merge", "put", 200),
        merged.json);
    String sha = merged.json.get("sha").asText();
    assertThat(Branches.tip(github.emulator(), "octo-org", "hello-world", "main")).isEqualTo(sha);
    List<String> commit = Branches.describe(github.emulator(), "octo-org", "hello-world", sha);
    assertThat(commit.get(0))
        .startsWith("Merge pull request #" + number + " from octo-org/" + head + "\n\nMerge me");
    assertThat(commit.subList(1, commit.size())).containsExactly(mainBefore, headSha);
    assertThat(app().get(path + "/merge").status()).isEqualTo(204);
    JsonNode pull = app().get(path).json;
    assertThat(pull.get("merged").asBoolean()).isTrue();
    assertThat(pull.get("state").asText()).isEqualTo("closed");
    assertThat(pull.get("merge_commit_sha").asText()).isEqualTo(sha);
    assertThat(pull.at("/merged_by/login").asText()).isEqualTo("pull-app[bot]");
    JsonNode closed = sent("closed", number);
    assertThat(closed.at("/pull_request/merged").asBoolean()).isTrue();
    assertValid(openApi.webhook("pull-request-closed"), closed);
    assertRefused(app().send("PUT", path + "/merge", "{}"), 405, "Pull Request is not mergeable");
  }

  @Test
  void merge_squashAndRebase_writeTheCommitsGitHubWould() {
    String squashed = branch();
    Branches.commit(
        github.emulator(),
        "octo-org",
        "hello-world",
        squashed,
        "main",
        "second.txt",
        "2\n",
        "Second step");
    int s = open(squashed, "Squash me").get("number").asInt();
    String rebased = branch();
    int r = open(rebased, "Rebase me").get("number").asInt();

    Http.Reply squash =
        app().send("PUT", REPO + "/pulls/" + s + "/merge", "{\"merge_method\": \"squash\"}");
    String mainAfterSquash = Branches.tip(github.emulator(), "octo-org", "hello-world", "main");
    Http.Reply rebase =
        app().send("PUT", REPO + "/pulls/" + r + "/merge", "{\"merge_method\": \"rebase\"}");

    assertThat(squash.status()).as(squash.toString()).isEqualTo(200);
    List<String> squashCommit =
        Branches.describe(
            github.emulator(), "octo-org", "hello-world", squash.json.get("sha").asText());
    assertThat(squashCommit.get(0))
        .startsWith("Squash me (#" + s + ")\n\n* Add " + squashed + "\n\n* Second step");
    assertThat(squashCommit).hasSize(2);
    assertThat(rebase.status()).as(rebase.toString()).isEqualTo(200);
    List<String> rebaseCommit =
        Branches.describe(
            github.emulator(), "octo-org", "hello-world", rebase.json.get("sha").asText());
    assertThat(rebaseCommit).containsExactly("Add " + rebased + "\n", mainAfterSquash);
  }

  @Test
  void merge_refusals_are405ForConflicts409ForAStaleShaAnd403WithoutContentsWrite() {
    String left = "conflict-left-" + branches.incrementAndGet();
    String right = "conflict-right-" + branches.get();
    Branches.commit(
        github.emulator(), "octo-org", "hello-world", left, "main", "same.txt", "left\n", "Left");
    Branches.commit(
        github.emulator(),
        "octo-org",
        "hello-world",
        right,
        "main",
        "same.txt",
        "right\n",
        "Right");
    int l = open(left, "Left").get("number").asInt();
    int r = open(right, "Right").get("number").asInt();
    assertThat(app().send("PUT", REPO + "/pulls/" + l + "/merge", "{}").status()).isEqualTo(200);

    Http.Reply conflict = app().send("PUT", REPO + "/pulls/" + r + "/merge", "{}");
    Http.Reply stale =
        app().send("PUT", REPO + "/pulls/" + r + "/merge", "{\"sha\": \"" + "0".repeat(40) + "\"}");
    Http.Reply forbidden =
        as("{\"permissions\": {\"contents\": \"read\", \"pull_requests\": \"write\"}}")
            .send("PUT", REPO + "/pulls/" + r + "/merge", "{}");
    Http.Reply badMethod =
        app().send("PUT", REPO + "/pulls/" + r + "/merge", "{\"merge_method\": \"octopus\"}");

    assertRefused(conflict, 405, "Pull Request is not mergeable");
    assertThat(app().get(REPO + "/pulls/" + r).json.get("mergeable_state").asText())
        .isEqualTo("dirty");
    assertRefused(stale, 409, "Head branch was modified. Review and try the merge again.");
    assertRefused(forbidden, 403, "Resource not accessible by integration");
    assertThat(forbidden.header("X-Accepted-GitHub-Permissions")).isEqualTo("contents=write");
    assertThat(badMethod.status()).isEqualTo(422);
    assertRefused(app().send("PUT", REPO + "/pulls/99999/merge", "{}"), 404, "Not Found");
  }

  @Test
  void labelOnAPullRequest_throughTheIssuesApi_sendsPullRequestLabeled() {
    int number = open(branch(), "Label the pull").get("number").asInt();

    Http.Reply labels =
        as("{\"permissions\": {\"pull_requests\": \"write\"}}")
            .post(REPO + "/issues/" + number + "/labels", "[\"ready\"]");

    assertThat(labels.status()).as(labels.toString()).isEqualTo(200);
    assertThat(app().get(REPO + "/pulls/" + number).json.at("/labels/0/name").asText())
        .isEqualTo("ready");
    JsonNode labeled = sent("labeled", number);
    assertThat(labeled.at("/label/name").asText()).isEqualTo("ready");
    assertValid(openApi.webhook("pull-request-labeled"), labeled);
  }
}
