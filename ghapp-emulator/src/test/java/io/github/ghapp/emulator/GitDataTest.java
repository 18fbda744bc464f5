package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Git refs, branches and commits over REST, on the real bare repositories: GitHub's answers for a
 * ref that exists already, a bad sha, a move that is not a fast-forward, its schemas, its scope and
 * permission refusals. Installation 43 has contents write on all of octocat's repositories.
 */
class GitDataTest {

  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  private static final String REPO = "/repos/octocat/spoon-knife";

  private static GitHubOpenApi openApi;
  private static Http writer;
  private static String main;

  @TempDir Path work;

  @BeforeAll
  static void setUp() {
    openApi = GitHubOpenApi.get();
    writer = Http.at(github.baseUrl()).token(Tokens.mint(github.emulator(), 43, "{}"));
    main = writer.get(REPO + "/git/ref/heads/main").json.at("/object/sha").asText();
  }

  private static void assertValid(JsonSchema schema, Http.Reply reply, int status) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(GitHubOpenApi.problems(schema, reply.json)).as("%s", reply.json).isEmpty();
  }

  private static Http.Reply createRef(String ref, String sha) {
    return writer.post(REPO + "/git/refs", "{\"ref\": \"" + ref + "\", \"sha\": \"" + sha + "\"}");
  }

  private static Http.Reply patchRef(String ref, String sha, boolean force) {
    return writer.send(
        "PATCH", REPO + "/git/refs/" + ref, "{\"sha\": \"" + sha + "\", \"force\": " + force + "}");
  }

  /** A commit on {@code branch} through the contents API; its sha. */
  private static String commitOn(String branch, String path) {
    String content = Base64.getEncoder().encodeToString(path.getBytes(StandardCharsets.UTF_8));
    Http.Reply put =
        writer.send(
            "PUT",
            REPO + "/contents/" + path,
            "{\"message\": \"Add "
                + path
                + "\", \"content\": \""
                + content
                + "\", \"branch\": \""
                + branch
                + "\"}");
    assertThat(put.status()).as(put.toString()).isEqualTo(201);
    return put.json.at("/commit/sha").asText();
  }

  private static String message(Http.Reply reply) {
    return reply.message();
  }

  // ---- refs

  @Test
  void getARef_withAnEncodedOrARawSlash_answersGitHubsGitRef() {
    Http.Reply encoded = writer.get(REPO + "/git/ref/heads%2Fmain");
    Http.Reply raw = writer.get(REPO + "/git/ref/heads/main");

    assertValid(openApi.response("/repos/{owner}/{repo}/git/ref/{ref}", "get", 200), encoded, 200);
    assertThat(encoded.json.get("ref").asText()).isEqualTo("refs/heads/main");
    assertThat(encoded.json.at("/object/type").asText()).isEqualTo("commit");
    assertThat(raw.json).isEqualTo(encoded.json);
    Http.Reply missing = writer.get(REPO + "/git/ref/heads/no-such-branch");
    assertValid(openApi.component("basic-error"), missing, 404);
  }

  @Test
  void matchingRefs_listsThoseWithThePrefix_andNoneIsAnEmptyList() {
    assertThat(createRef("refs/heads/match-a", main).status()).isEqualTo(201);
    assertThat(createRef("refs/heads/match-b", main).status()).isEqualTo(201);

    Http.Reply matching = writer.get(REPO + "/git/matching-refs/heads/match-");

    assertValid(
        openApi.response("/repos/{owner}/{repo}/git/matching-refs/{ref}", "get", 200),
        matching,
        200);
    assertThat(matching.json)
        .extracting(r -> r.get("ref").asText())
        .containsExactly("refs/heads/match-a", "refs/heads/match-b");
    assertThat(writer.get(REPO + "/git/matching-refs/heads/nothing-like-this").json).isEmpty();
  }

  @Test
  void createARef_answers201WithLocation_andGitHubsRefusals() {
    Http.Reply created = createRef("refs/heads/created", main);

    assertValid(openApi.response("/repos/{owner}/{repo}/git/refs", "post", 201), created, 201);
    assertThat(created.header("Location")).endsWith("/git/refs/heads/created");
    Http.Reply again = createRef("refs/heads/created", main);
    assertValid(openApi.component("validation-error"), again, 422);
    assertThat(message(again)).isEqualTo("Reference already exists");
    assertThat(message(createRef("refs/heads/bad-sha", "0".repeat(40))))
        .isEqualTo("Object does not exist");
    assertThat(createRef("heads/unqualified", main).status()).isEqualTo(422);
    assertThat(writer.post(REPO + "/git/refs", "{\"ref\": \"refs/heads/x\"}").message())
        .isEqualTo("Invalid request.\n\n\"sha\" wasn't supplied.");
  }

  @Test
  void updateARef_fastForwards_refusesToLoseCommitsWithoutForce_andForcesWithIt() {
    createRef("refs/heads/ff-base", main);
    createRef("refs/heads/ff-head", main);
    String ahead = commitOn("ff-head", "ahead.txt");

    Http.Reply forward = patchRef("heads/ff-base", ahead, false);
    Http.Reply backward = patchRef("heads%2Fff-head", main, false);
    Http.Reply forced = patchRef("heads/ff-head", main, true);

    assertValid(
        openApi.response("/repos/{owner}/{repo}/git/refs/{ref}", "patch", 200), forward, 200);
    assertThat(forward.json.at("/object/sha").asText()).isEqualTo(ahead);
    assertThat(backward.status()).isEqualTo(422);
    assertThat(message(backward)).isEqualTo("Update is not a fast forward");
    assertThat(forced.status()).as(forced.toString()).isEqualTo(200);
    assertThat(forced.json.at("/object/sha").asText()).isEqualTo(main);
    assertThat(message(patchRef("heads/never-created", main, true)))
        .isEqualTo("Reference does not exist");
  }

  @Test
  void deleteARef_is204_thenItDoesNotExist_andTheDefaultBranchIsRefused() {
    createRef("refs/tags/v-deleted", main);

    Http.Reply deleted = writer.delete(REPO + "/git/refs/tags/v-deleted");
    Http.Reply again = writer.delete(REPO + "/git/refs/tags%2Fv-deleted");

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(again.status()).isEqualTo(422);
    assertThat(message(again)).isEqualTo("Reference does not exist");
    assertThat(writer.get(REPO + "/git/ref/tags/v-deleted").status()).isEqualTo(404);
    Http.Reply defaultBranch = writer.delete(REPO + "/git/refs/heads/main");
    assertThat(defaultBranch.status()).as(defaultBranch.toString()).isEqualTo(422);
    assertThat(message(defaultBranch)).isEqualTo("Cannot delete the default branch");
    assertThat(writer.get(REPO + "/git/ref/heads/main").status()).isEqualTo(200);
  }

  // ---- branches

  @Test
  void branches_listAndGet_inGitHubsSchemas_slashesInNamesToo() {
    createRef("refs/heads/feature/slashed", main);
    createRef("refs/heads/by-the-bot", main);
    commitOn("by-the-bot", "bot.txt");

    Http.Reply list = writer.get(REPO + "/branches");
    // By the bot: an author null (no GitHub user) fails the schema's oneOf in the validator, as
    // both of its alternatives take the nullable; GitHub answers null for such commits.
    Http.Reply one = writer.get(REPO + "/branches/by-the-bot");
    Http.Reply slashed = writer.get(REPO + "/branches/feature/slashed");
    Http.Reply encoded = writer.get(REPO + "/branches/feature%2Fslashed");

    assertValid(openApi.response("/repos/{owner}/{repo}/branches", "get", 200), list, 200);
    assertThat(list.json).extracting(b -> b.get("name").asText()).contains("main", "by-the-bot");
    assertValid(openApi.response("/repos/{owner}/{repo}/branches/{branch}", "get", 200), one, 200);
    assertThat(one.json.at("/commit/sha").asText()).isNotEmpty();
    assertThat(slashed.json.get("name").asText()).isEqualTo("feature/slashed");
    assertThat(encoded.json.get("name").asText()).isEqualTo("feature/slashed");
    Http.Reply missing = writer.get(REPO + "/branches/no-such-branch");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(message(missing)).isEqualTo("Branch not found");
  }

  @Test
  void aGitPush_isReadBackByTheApi() throws IOException {
    GitCli git = new GitCli(work);
    URI url = github.emulator().gitUrl("octocat", "spoon-knife");
    String token = Tokens.mint(github.emulator(), 43, "{}");
    String remote = url.getScheme() + "://x:" + token + "@" + url.getAuthority() + url.getPath();
    assertThat(git.run(work, "clone", remote, "clone").succeeded()).isTrue();
    Path clone = work.resolve("clone");
    Files.writeString(clone.resolve("pushed.txt"), "pushed\n");
    git.run(clone, "add", "pushed.txt");
    git.run(clone, "commit", "-m", "Pushed with git");
    GitCli.Result push = git.run(clone, "push", "origin", "HEAD:refs/heads/pushed-with-git");
    assertThat(push.succeeded()).as(push.output()).isTrue();
    String head = git.run(clone, "rev-parse", "HEAD").output().trim();

    Http.Reply branch = writer.get(REPO + "/branches/pushed-with-git");
    Http.Reply commit = writer.get(REPO + "/commits/pushed-with-git");

    assertThat(branch.json.at("/commit/sha").asText()).isEqualTo(head);
    assertThat(commit.json.at("/commit/message").asText()).isEqualTo("Pushed with git\n");
    assertThat(commit.json.at("/commit/author/email").asText()).isEqualTo("test@example.invalid");
    assertThat(commit.json.get("author").isNull()).isTrue();
  }

  // ---- commits

  @Test
  void commits_theGitObjectAndTheRestCommitWithItsFiles_inGitHubsSchemas() {
    createRef("refs/heads/with-a-file", main);
    String sha = commitOn("with-a-file", "docs%2Fnew.md");

    Http.Reply object = writer.get(REPO + "/git/commits/" + sha);
    Http.Reply rest = writer.get(REPO + "/commits/" + sha);
    Http.Reply byBranch = writer.get(REPO + "/commits/with-a-file");

    assertValid(
        openApi.response("/repos/{owner}/{repo}/git/commits/{commit_sha}", "get", 200),
        object,
        200);
    assertThat(object.json.at("/parents/0/sha").asText()).isEqualTo(main);
    assertValid(openApi.response("/repos/{owner}/{repo}/commits/{ref}", "get", 200), rest, 200);
    JsonNode file = rest.json.at("/files/0");
    assertThat(file.get("filename").asText()).isEqualTo("docs/new.md");
    assertThat(file.get("status").asText()).isEqualTo("added");
    assertThat(file.get("additions").asInt()).isEqualTo(1);
    assertThat(rest.json.at("/stats/total").asInt()).isEqualTo(1);
    assertThat(rest.json.at("/author/login").asText()).isEqualTo("octo-app[bot]");
    assertThat(byBranch.json.get("sha").asText()).isEqualTo(sha);
    assertThat(writer.get(REPO + "/git/commits/main").status()).isEqualTo(404);
    Http.Reply unknown = writer.get(REPO + "/commits/no-such-ref");
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(message(unknown)).isEqualTo("No commit found for SHA: no-such-ref");
  }

  // ---- scope and permissions

  @Test
  void refsWithoutContentsWrite_are403_outsideTheScope404_withoutContents403() {
    Http reader = Http.at(github.baseUrl()).token(Tokens.mint(github.emulator(), 42, "{}"));
    Http noContents =
        Http.at(github.baseUrl())
            .token(
                Tokens.mint(github.emulator(), 42, "{\"permissions\": {\"issues\": \"write\"}}"));

    Http.Reply refused =
        reader.post(
            "/repos/octo-org/hello-world/git/refs",
            "{\"ref\": \"refs/heads/x\", \"sha\": \"" + main + "\"}");
    assertValid(openApi.component("basic-error"), refused, 403);
    assertThat(refused.header("X-Accepted-GitHub-Permissions"))
        .isEqualTo("contents=write; workflows=write");
    assertThat(reader.get("/repos/octo-org/hello-world/branches").status()).isEqualTo(200);
    assertThat(reader.get("/repos/octo-org/secret-plans/branches").status()).isEqualTo(404);
    Http.Reply withoutContents = noContents.get("/repos/octo-org/hello-world/git/ref/heads/main");
    assertThat(withoutContents.status()).isEqualTo(403);
    assertThat(withoutContents.header("X-Accepted-GitHub-Permissions")).isEqualTo("contents=read");
    assertThat(Http.at(github.baseUrl()).delete(REPO + "/git/refs/heads/main").status())
        .isEqualTo(401);
  }
}
