package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ghapp.emulator.internal.state.RefUpdate;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pull request follows its head branch through the state's ref updates: a real {@code git push}
 * to it moves the head and sends {@code pull_request} synchronize; a merge through the REST route
 * publishes the base branch's move like any push.
 */
class PullRequestSynchronizeTest {

  @RegisterExtension
  static final GitHubEmulatorExtension github =
      GitHubEmulatorExtension.fromState("pulls-state.yaml");

  private static final String REPO = "/repos/octo-org/hello-world";
  private static final List<RefUpdate> heard = new CopyOnWriteArrayList<>();

  @TempDir Path work;

  @BeforeAll
  static void listen() {
    github.emulator().running().state().onRefUpdate(heard::add);
  }

  private static Http app() {
    return Http.at(github.baseUrl()).token(Tokens.mint(github.emulator(), 42, "{}"));
  }

  private String git(Path directory, String... arguments) {
    GitCli.Result result = new GitCli(work).run(directory, arguments);
    assertThat(result.succeeded()).as(result.output()).isTrue();
    return result.output().trim();
  }

  @Test
  void gitPush_toAnOpenPullRequestsHead_movesItsHeadAndSendsSynchronize() throws IOException {
    String before =
        Branches.commit(
            github.emulator(),
            "octo-org",
            "hello-world",
            "pushed-topic",
            "main",
            "a.txt",
            "a\n",
            "Add a");
    int number =
        app()
            .post(
                REPO + "/pulls",
                "{\"title\": \"Follow me\", \"head\": \"pushed-topic\", \"base\": \"main\"}")
            .json
            .get("number")
            .asInt();
    URI url = github.emulator().gitUrl("octo-org", "hello-world");
    String token = Tokens.mint(github.emulator(), 42, "{}");
    git(
        work,
        "clone",
        "--branch",
        "pushed-topic",
        url.getScheme() + "://x-access-token:" + token + "@" + url.getAuthority() + url.getPath(),
        "clone");
    Path clone = work.resolve("clone");
    Files.writeString(clone.resolve("b.txt"), "b\n");
    git(clone, "add", "b.txt");
    git(clone, "commit", "-m", "Add b");
    String after = git(clone, "rev-parse", "HEAD");

    git(clone, "push", "origin", "HEAD:refs/heads/pushed-topic");

    JsonNode synchronize =
        Deliveries.sent(
            github.emulator(),
            "pull_request",
            "synchronize",
            p -> p.get("number").asInt() == number);
    assertThat(synchronize.get("before").asText()).isEqualTo(before);
    assertThat(synchronize.get("after").asText()).isEqualTo(after);
    assertThat(synchronize.at("/pull_request/head/sha").asText()).isEqualTo(after);
    assertThat(synchronize.at("/pull_request/commits").asInt()).isEqualTo(2);
    assertThat(synchronize.at("/sender/login").asText()).isEqualTo("pull-app[bot]");
    assertThat(
            GitHubOpenApi.problems(
                GitHubOpenApi.get().webhook("pull-request-synchronize"), synchronize))
        .isEmpty();
    assertThat(app().get(REPO + "/pulls/" + number).json.at("/head/sha").asText()).isEqualTo(after);
  }

  @Test
  void merge_publishesTheBaseBranchsMoveAsARefUpdate() {
    Branches.commit(
        github.emulator(),
        "octo-org",
        "hello-world",
        "merged-topic",
        "main",
        "m.txt",
        "m\n",
        "Add m");
    int number =
        app()
            .post(
                REPO + "/pulls",
                "{\"title\": \"Merge\", \"head\": \"merged-topic\", \"base\": \"main\"}")
            .json
            .get("number")
            .asInt();
    String mainBefore = Branches.tip(github.emulator(), "octo-org", "hello-world", "main");

    Http.Reply merged = app().send("PUT", REPO + "/pulls/" + number + "/merge", "{}");

    assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
    RefUpdate update =
        heard.stream()
            .filter(u -> u.afterSha().equals(merged.json.get("sha").asText()))
            .findFirst()
            .orElseThrow();
    assertThat(update.ref()).isEqualTo("refs/heads/main");
    assertThat(update.beforeSha()).isEqualTo(mainBefore);
    assertThat(update.via()).isEqualTo(RefUpdate.Via.REST);
    assertThat(update.pusher().login()).isEqualTo("pull-app[bot]");
    assertThat(update.installationId()).isEqualTo(42);
  }
}
