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
 * The contents API on the real bare repositories: reading files and directories at a ref, and
 * writes that are real commits a {@code git clone} sees, with GitHub's sha rules (none for an
 * existing file: 422, a stale one: 409), its refusals and its schemas. Installation 43 has contents
 * write on all of octocat's repositories; 42 contents read on octo-org/hello-world and docs.
 */
class ContentsTest {

  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  private static final String SPOON = "/repos/octocat/spoon-knife/contents/";

  private static GitHubOpenApi openApi;
  private static Http writer;

  @TempDir Path work;

  @BeforeAll
  static void setUp() {
    openApi = GitHubOpenApi.get();
    writer = Http.at(github.baseUrl()).token(Tokens.mint(github.emulator(), 43, "{}"));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String decoded(JsonNode file) {
    return new String(
        Base64.getMimeDecoder().decode(file.get("content").asText()), StandardCharsets.UTF_8);
  }

  private static Http.Reply put(String path, String body) {
    return writer.send("PUT", SPOON + path, body);
  }

  private static Http.Reply create(String path, String text) {
    Http.Reply reply =
        put(path, "{\"message\": \"Add " + path + "\", \"content\": \"" + base64(text) + "\"}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply;
  }

  private static void assertValid(JsonSchema schema, Http.Reply reply, int status) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(GitHubOpenApi.problems(schema, reply.json)).as("%s", reply.json).isEmpty();
  }

  // ---- reading

  @Test
  void getAFile_answersItsBase64ContentAndBlobSha_inGitHubsSchema() {
    Http.Reply reply = writer.get(SPOON + "README.md");

    assertValid(openApi.response("/repos/{owner}/{repo}/contents/{path}", "get", 200), reply, 200);
    assertThat(reply.json.get("type").asText()).isEqualTo("file");
    assertThat(reply.json.get("encoding").asText()).isEqualTo("base64");
    assertThat(decoded(reply.json)).startsWith("# spoon-knife");
    assertThat(reply.json.get("sha").asText()).matches("[0-9a-f]{40}");
    assertThat(reply.json.get("url").asText()).endsWith("/contents/README.md?ref=main");
  }

  @Test
  void getADirectory_listsItsEntries_andAnEncodedSlashNamesANestedPath() {
    create("docs/guide/intro.md", "intro\n");
    create("docs/faq.md", "faq\n");

    Http.Reply listing = writer.get(SPOON + "docs");
    Http.Reply nested = writer.get(SPOON + "docs%2Fguide%2Fintro.md");
    Http.Reply raw = writer.get(SPOON + "docs/guide/intro.md");

    assertValid(
        openApi.response("/repos/{owner}/{repo}/contents/{path}", "get", 200), listing, 200);
    assertThat(listing.json).extracting(e -> e.get("path").asText()).contains("docs/faq.md");
    assertThat(listing.json)
        .filteredOn(e -> e.get("name").asText().equals("guide"))
        .singleElement()
        .satisfies(e -> assertThat(e.get("type").asText()).isEqualTo("dir"));
    assertThat(decoded(nested.json)).isEqualTo("intro\n");
    assertThat(raw.json.get("sha").asText()).isEqualTo(nested.json.get("sha").asText());
  }

  @Test
  void getTheRoot_withAnEmptyPath_listsTheTopDirectory_withContentsRead() {
    Http.Reply root = writer.get("/repos/octocat/spoon-knife/contents/");
    Http noContents =
        Http.at(github.baseUrl())
            .token(
                Tokens.mint(github.emulator(), 42, "{\"permissions\": {\"issues\": \"write\"}}"));

    assertValid(openApi.response("/repos/{owner}/{repo}/contents/{path}", "get", 200), root, 200);
    assertThat(root.json).extracting(e -> e.get("path").asText()).contains("README.md");
    assertThat(noContents.get("/repos/octo-org/hello-world/contents").status()).isEqualTo(403);
    assertThat(writer.get("/repos/octo-org/secret-plans/contents").status()).isEqualTo(404);
  }

  @Test
  void getWithARef_readsThatCommitOrBranch() {
    String before = create("ref-base.txt", "base\n").json.at("/commit/sha").asText();
    create("at-a-ref.txt", "later\n");

    assertThat(writer.get(SPOON + "at-a-ref.txt?ref=" + before).status()).isEqualTo(404);
    assertThat(writer.get(SPOON + "ref-base.txt?ref=" + before).status()).isEqualTo(200);
    assertThat(writer.get(SPOON + "ref-base.txt?ref=" + before.substring(0, 10)).status())
        .isEqualTo(200);
    assertThat(writer.get(SPOON + "at-a-ref.txt?ref=main").status()).isEqualTo(200);
    Http.Reply unknown = writer.get(SPOON + "README.md?ref=no-such-branch");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.message()).isEqualTo("No commit found for the ref no-such-branch");
  }

  @Test
  void getAMissingPath_isNotFoundInTheBasicErrorSchema() {
    Http.Reply reply = writer.get(SPOON + "no/such/file.txt");

    assertValid(openApi.component("basic-error"), reply, 404);
    assertThat(reply.message()).isEqualTo("Not Found");
  }

  // ---- writing

  @Test
  void putANewFile_commitsItAsTheBot_andAGitCloneSeesIt() throws IOException {
    Http.Reply created = create(".github%2Fconfig.yml", "answer: 42\n");

    assertValid(
        openApi.response("/repos/{owner}/{repo}/contents/{path}", "put", 201), created, 201);
    JsonNode commit = created.json.get("commit");
    assertThat(commit.at("/author/name").asText()).isEqualTo("octo-app[bot]");
    assertThat(commit.at("/committer/email").asText())
        .endsWith("+octo-app[bot]@users.noreply.github.com");
    assertThat(commit.get("message").asText()).isEqualTo("Add .github%2Fconfig.yml");
    assertThat(created.json.at("/content/path").asText()).isEqualTo(".github/config.yml");
    GitCli git = new GitCli(work);
    URI url = github.emulator().gitUrl("octocat", "spoon-knife");
    String token = Tokens.mint(github.emulator(), 43, "{}");
    GitCli.Result clone =
        git.run(
            work,
            "clone",
            url.getScheme() + "://x:" + token + "@" + url.getAuthority() + url.getPath(),
            "clone");
    assertThat(clone.succeeded()).as(clone.output()).isTrue();
    assertThat(Files.readString(work.resolve("clone/.github/config.yml")))
        .isEqualTo("answer: 42\n");
    assertThat(git.run(work.resolve("clone"), "rev-parse", "HEAD").output().trim())
        .isEqualTo(commit.get("sha").asText());
  }

  @Test
  void putAnExistingFile_needsItsSha_noneIs422_aStaleOneIs409_theRightOneUpdates() {
    String sha = create("updated.txt", "one\n").json.at("/content/sha").asText();
    String two = base64("two\n");

    Http.Reply missing = put("updated.txt", "{\"message\": \"m\", \"content\": \"" + two + "\"}");
    Http.Reply stale =
        put(
            "updated.txt",
            "{\"message\": \"m\", \"content\": \""
                + two
                + "\", \"sha\": \""
                + "0".repeat(40)
                + "\"}");
    Http.Reply updated =
        put(
            "updated.txt",
            "{\"message\": \"Update\", \"content\": \""
                + two
                + "\", \"sha\": \""
                + sha
                + "\", \"committer\": {\"name\": \"Mona\", \"email\": \"mona@example.com\"}}");

    assertValid(openApi.component("basic-error"), missing, 422);
    assertThat(missing.message()).isEqualTo("Invalid request.\n\n\"sha\" wasn't supplied.");
    assertValid(openApi.component("basic-error"), stale, 409);
    assertThat(stale.message()).isEqualTo("updated.txt does not match " + "0".repeat(40));
    assertValid(
        openApi.response("/repos/{owner}/{repo}/contents/{path}", "put", 200), updated, 200);
    assertThat(updated.json.at("/commit/committer/name").asText()).isEqualTo("Mona");
    assertThat(updated.json.at("/commit/author/email").asText()).isEqualTo("mona@example.com");
    assertThat(decoded(writer.get(SPOON + "updated.txt").json)).isEqualTo("two\n");
  }

  @Test
  void putWithoutAMessage_orToAMissingBranch_isRefused() {
    Http.Reply noMessage = put("refused.txt", "{\"content\": \"" + base64("x") + "\"}");
    Http.Reply noBranch =
        put(
            "refused.txt",
            "{\"message\": \"m\", \"content\": \"" + base64("x") + "\", \"branch\": \"nope\"}");
    Http.Reply notBase64 = put("refused.txt", "{\"message\": \"m\", \"content\": \"%%%\"}");

    assertThat(noMessage.status()).isEqualTo(422);
    assertThat(noMessage.message()).isEqualTo("Invalid request.\n\n\"message\" wasn't supplied.");
    assertThat(noBranch.status()).isEqualTo(404);
    assertThat(notBase64.status()).isEqualTo(422);
    assertThat(writer.get(SPOON + "refused.txt").status()).isEqualTo(404);
  }

  @Test
  void deleteAFile_needsItsSha_andAnswersTheCommitWithNoContent() {
    String sha = create("deleted.txt", "bye\n").json.at("/content/sha").asText();

    Http.Reply noSha = writer.send("DELETE", SPOON + "deleted.txt", "{\"message\": \"m\"}");
    Http.Reply stale =
        writer.send(
            "DELETE",
            SPOON + "deleted.txt",
            "{\"message\": \"m\", \"sha\": \"" + "1".repeat(40) + "\"}");
    Http.Reply deleted =
        writer.send(
            "DELETE", SPOON + "deleted.txt", "{\"message\": \"Remove\", \"sha\": \"" + sha + "\"}");
    Http.Reply again =
        writer.send(
            "DELETE", SPOON + "deleted.txt", "{\"message\": \"Remove\", \"sha\": \"" + sha + "\"}");

    assertThat(noSha.status()).isEqualTo(422);
    assertThat(stale.status()).isEqualTo(409);
    assertValid(
        openApi.response("/repos/{owner}/{repo}/contents/{path}", "delete", 200), deleted, 200);
    assertThat(deleted.json.get("content").isNull()).isTrue();
    assertThat(again.status()).isEqualTo(404);
    assertThat(writer.get(SPOON + "deleted.txt").status()).isEqualTo(404);
  }

  // ---- scope and permissions

  @Test
  void putWithContentsReadOnly_is403NamingContentsWrite() {
    Http reader = Http.at(github.baseUrl()).token(Tokens.mint(github.emulator(), 42, "{}"));

    Http.Reply reply =
        reader.send(
            "PUT",
            "/repos/octo-org/hello-world/contents/x.txt",
            "{\"message\": \"m\", \"content\": \"" + base64("x") + "\"}");

    assertValid(openApi.component("basic-error"), reply, 403);
    assertThat(reply.message()).isEqualTo("Resource not accessible by integration");
    assertThat(reply.header("X-Accepted-GitHub-Permissions"))
        .isEqualTo("contents=write; workflows=write");
    assertThat(reader.get("/repos/octo-org/hello-world/contents/README.md").status())
        .isEqualTo(200);
  }

  @Test
  void putAWorkflowFile_needsTheWorkflowsPermissionToo() {
    Http.Reply reply =
        put(
            ".github/workflows/ci.yml",
            "{\"message\": \"m\", \"content\": \"" + base64("on: push\n") + "\"}");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
    assertThat(reply.message()).isEqualTo("Resource not accessible by integration");
  }

  @Test
  void aRepositoryOutsideTheToken_isNotFound_andATokenWithoutContentsIs403() {
    Http narrowed =
        Http.at(github.baseUrl())
            .token(
                Tokens.mint(github.emulator(), 42, "{\"permissions\": {\"issues\": \"write\"}}"));

    assertThat(writer.get("/repos/octo-org/secret-plans/contents/README.md").status())
        .isEqualTo(404);
    Http.Reply noContents = narrowed.get("/repos/octo-org/hello-world/contents/README.md");
    assertThat(noContents.status()).isEqualTo(403);
    assertThat(noContents.header("X-Accepted-GitHub-Permissions")).isEqualTo("contents=read");
  }

  @Test
  void anonymous_readsAPublicRepositoryButCannotWrite() {
    github.emulator().createRepository("octocat", "open-contents", false);
    Http anonymous = Http.at(github.baseUrl());

    assertThat(anonymous.get("/repos/octocat/open-contents/contents/README.md").status())
        .isEqualTo(200);
    assertThat(anonymous.get("/repos/octocat/spoon-knife/contents/README.md").status())
        .isEqualTo(404);
    assertThat(
            anonymous
                .send(
                    "PUT",
                    "/repos/octocat/open-contents/contents/x.txt",
                    "{\"message\": \"m\", \"content\": \"eA==\"}")
                .status())
        .isEqualTo(401);
  }
}
