package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.emulator.internal.state.RefUpdate;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every ref a push moves is published to the state's ref-update listeners, one update per ref,
 * after it moved: what the push, check_suite and pull_request webhooks follow. Installation 43 has
 * contents write on all of octocat's repositories.
 */
class RefUpdatesTest {

  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  private static final List<RefUpdate> heard = new CopyOnWriteArrayList<>();

  @TempDir Path work;

  @BeforeAll
  static void listen() {
    github.emulator().running().state().onRefUpdate(heard::add);
  }

  @BeforeEach
  void forget() {
    heard.clear();
  }

  private GitCli.Result git(Path directory, String... arguments) {
    GitCli.Result result = new GitCli(work).run(directory, arguments);
    assertThat(result.succeeded()).as(result.output()).isTrue();
    return result;
  }

  private Path cloneSpoonKnife() {
    String token = Tokens.mint(github.emulator(), 43, "{}");
    URI url = github.emulator().gitUrl("octocat", "spoon-knife");
    git(
        work,
        "clone",
        url.getScheme() + "://x-access-token:" + token + "@" + url.getAuthority() + url.getPath(),
        "spoon");
    return work.resolve("spoon");
  }

  private String commit(Path clone, String file) throws IOException {
    Files.writeString(clone.resolve(file), file + "\n");
    git(clone, "add", file);
    git(clone, "commit", "-m", "Add " + file);
    return git(clone, "rev-parse", "HEAD").output().trim();
  }

  @Test
  void gitPush_ofTwoRefs_publishesOneUpdatePerRefNamingTheBotAndTheInstallation()
      throws IOException {
    Path clone = cloneSpoonKnife();
    String before = git(clone, "rev-parse", "HEAD").output().trim();
    String after = commit(clone, "two-refs.txt");

    git(clone, "push", "origin", "HEAD:refs/heads/main", "HEAD:refs/heads/topic-two-refs");

    assertThat(heard).hasSize(2);
    RefUpdate main =
        heard.stream().filter(u -> u.ref().equals("refs/heads/main")).findFirst().get();
    assertThat(main.beforeSha()).isEqualTo(before);
    assertThat(main.afterSha()).isEqualTo(after);
    assertThat(main.created()).isFalse();
    assertThat(main.forced()).isFalse();
    assertThat(main.branch()).isEqualTo("main");
    assertThat(main.repository().fullName()).isEqualTo("octocat/spoon-knife");
    assertThat(main.pusher().login()).isEqualTo("octo-app[bot]");
    assertThat(main.installationId()).isEqualTo(43);
    assertThat(main.via()).isEqualTo(RefUpdate.Via.GIT);
    RefUpdate topic =
        heard.stream().filter(u -> u.ref().equals("refs/heads/topic-two-refs")).findFirst().get();
    assertThat(topic.created()).isTrue();
    assertThat(topic.before()).isEqualTo(ObjectId.zeroId());
    assertThat(topic.afterSha()).isEqualTo(after);
  }

  @Test
  void gitPush_forcedAndDeleting_publishesForcedAndDeletedUpdates() throws IOException {
    Path clone = cloneSpoonKnife();
    String first = commit(clone, "forced-1.txt");
    git(clone, "push", "origin", "HEAD:refs/heads/topic-forced");
    git(clone, "reset", "--hard", "HEAD~1");
    String replacement = commit(clone, "forced-2.txt");
    heard.clear();

    git(clone, "push", "--force", "origin", "HEAD:refs/heads/topic-forced");
    git(clone, "push", "origin", ":refs/heads/topic-forced");

    assertThat(heard).hasSize(2);
    assertThat(heard.get(0).forced()).isTrue();
    assertThat(heard.get(0).beforeSha()).isEqualTo(first);
    assertThat(heard.get(0).afterSha()).isEqualTo(replacement);
    assertThat(heard.get(1).deleted()).isTrue();
    assertThat(heard.get(1).beforeSha()).isEqualTo(replacement);
    assertThat(heard.get(1).after()).isEqualTo(ObjectId.zeroId());
  }

  @Test
  void gitPush_ofAWorkflowWithoutTheWorkflowsPermission_isRefusedAndMovesNothing()
      throws IOException {
    Path clone = cloneSpoonKnife();
    String before = git(clone, "rev-parse", "HEAD").output().trim();
    Files.createDirectories(clone.resolve(".github/workflows"));
    commit(clone, ".github/workflows/ci.yml");
    String plain = commit(clone, "plain.txt");

    GitCli.Result push =
        new GitCli(work)
            .run(clone, "push", "origin", "HEAD:refs/heads/main", "HEAD~2:refs/heads/topic-plain");

    assertThat(push.succeeded()).isFalse();
    assertThat(push.output())
        .contains(
            "refusing to allow a GitHub App to create or update workflow"
                + " `.github/workflows/ci.yml` without `workflows` permission");
    assertThat(heard).extracting(RefUpdate::ref).containsExactly("refs/heads/topic-plain");
    assertThat(heard.get(0).afterSha()).isEqualTo(before).isNotEqualTo(plain);
  }

  @Test
  void gitPush_deletingTheDefaultBranch_isRefused() {
    Path clone = cloneSpoonKnife();

    GitCli.Result push = new GitCli(work).run(clone, "push", "origin", ":refs/heads/main");

    assertThat(push.succeeded()).isFalse();
    assertThat(push.output()).contains("refusing to delete the current branch: refs/heads/main");
    assertThat(heard).isEmpty();
  }
}
