package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * An emulator for the checks and statuses tests: app 1001 ({@code checker}, checks, statuses and
 * pull requests write, so that it can open the pull requests its suites list) installed on
 * octo-org's hello-world and docs as 42, app 1002 ({@code other-checker}, checks write) on all of
 * octo-org as 52, app 1003 ({@code reader}, checks and statuses read) on all of octo-org as 62, and
 * octocat's public spoon-knife installed for app 1001 as 43. Their keys are one key, generated once
 * per JVM, as key generation is slow.
 */
final class ChecksFixture {

  private static Path keys;
  private static GitHubEmulator shared;
  private static WebhookReceiver sharedReceiver;

  private ChecksFixture() {}

  /**
   * One emulator for every checks and statuses test class of the JVM, stopped when it exits:
   * starting one costs more than these tests. Tests make their own commits or names, so that they
   * do not see each other's runs.
   */
  static synchronized GitHubEmulator shared() {
    if (shared == null) {
      sharedReceiver = WebhookReceiver.start();
      shared = start(sharedReceiver.url(""));
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    shared.stop();
                    sharedReceiver.close();
                  }));
    }
    return shared;
  }

  /** What the shared emulator's apps were sent; each app posts to {@code /<its slug>}. */
  static synchronized WebhookReceiver sharedReceiver() {
    shared();
    return sharedReceiver;
  }

  static GitHubEmulator start(String hookUrl) {
    String state =
        """
        apps:
          - id: 1001
            slug: checker
            private_key_file: "%1$s/checker.pem"
            permissions: {checks: write, statuses: write, contents: write, pull_requests: write, metadata: read}
            events: [check_run, check_suite, status]
            webhook: {url: "%2$s/checker", secret: "s3cret"}
          - id: 1002
            slug: other-checker
            private_key_file: "%1$s/checker.pem"
            permissions: {checks: write, metadata: read}
            events: []
            webhook: {url: "%2$s/other-checker"}
          - id: 1003
            slug: reader
            private_key_file: "%1$s/checker.pem"
            permissions: {checks: read, statuses: read, metadata: read}
            events: [check_run, status]
            webhook: {url: "%2$s/reader"}
        accounts:
          - {login: octo-org, type: Organization, repositories: [hello-world, docs, secret-plans]}
          - {login: octocat, type: User, repositories: [{name: spoon-knife, private: false}]}
        installations:
          - {id: 42, app: 1001, account: octo-org, repositories: [hello-world, docs]}
          - {id: 43, app: 1001, account: octocat}
          - {id: 52, app: 1002, account: octo-org}
          - {id: 62, app: 1003, account: octo-org}
        """
            .formatted(keyDirectory(), hookUrl);
    return GitHubEmulator.builder().stateYaml(state).build().start();
  }

  private static synchronized Path keyDirectory() {
    if (keys == null) {
      try {
        keys = Files.createTempDirectory("ghapp-checks-keys-");
        keys.toFile().deleteOnExit();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return keys;
  }

  /** A token of the installation, minted with its app's key; {@code body} may narrow it. */
  static String token(GitHubEmulator emu, long appId, long installationId, String body) {
    Http.Reply reply =
        Http.at(emu.baseUrl())
            .bearer(Tokens.jwt(emu, appId))
            .post("/app/installations/" + installationId + "/access_tokens", body);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json.get("token").asText();
  }

  static Http as(GitHubEmulator emu, long appId, long installationId) {
    return Http.at(emu.baseUrl()).token(token(emu, appId, installationId, "{}"));
  }

  /** The commit {@code ref} points at in the bare repository. */
  static String head(GitHubEmulator emu, String owner, String repo, String ref) {
    try (Repository git = open(emu, owner, repo)) {
      return git.exactRef(ref).getObjectId().name();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Commits one file on top of {@code refs/heads/branch} (made from main when new). */
  static String commit(GitHubEmulator emu, String owner, String repo, String branch, String file) {
    try (Repository git = open(emu, owner, repo);
        ObjectInserter inserter = git.newObjectInserter()) {
      ObjectId parent = git.resolve("refs/heads/" + branch);
      ObjectId old = parent;
      if (parent == null) {
        parent = git.resolve("refs/heads/main");
      }
      ObjectId blob = inserter.insert(Constants.OBJ_BLOB, file.getBytes(StandardCharsets.UTF_8));
      TreeFormatter tree = new TreeFormatter();
      tree.append(file, FileMode.REGULAR_FILE, blob);
      PersonIdent ident =
          new PersonIdent("Test", "test@example.com", Instant.now(), ZoneOffset.UTC);
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(inserter.insert(tree));
      commit.setParentId(parent);
      commit.setAuthor(ident);
      commit.setCommitter(ident);
      commit.setMessage("Add " + file + "\n");
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      setRef(git, "refs/heads/" + branch, old, id);
      return id.name();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Opens a pull request from {@code branch} into main as app 1001 (installation 42); its number.
   */
  static int openPullRequest(GitHubEmulator emu, String repo, String branch) {
    Http.Reply reply =
        as(emu, 1001, 42)
            .post(
                "/repos/octo-org/" + repo + "/pulls",
                "{\"title\": \""
                    + branch
                    + "\", \"head\": \""
                    + branch
                    + "\", \"base\": \"main\"}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json.get("number").asInt();
  }

  /** A lightweight tag on a commit. */
  static void tag(GitHubEmulator emu, String owner, String repo, String tag, String sha) {
    try (Repository git = open(emu, owner, repo)) {
      setRef(git, "refs/tags/" + tag, null, ObjectId.fromString(sha));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void setRef(Repository git, String name, ObjectId old, ObjectId id)
      throws IOException {
    RefUpdate update = git.updateRef(name);
    update.setNewObjectId(id);
    update.setExpectedOldObjectId(old == null ? ObjectId.zeroId() : old);
    RefUpdate.Result result = update.update();
    assertThat(result).isIn(RefUpdate.Result.NEW, RefUpdate.Result.FAST_FORWARD);
  }

  private static Repository open(GitHubEmulator emu, String owner, String repo) throws IOException {
    return new FileRepositoryBuilder()
        .setGitDir(emu.gitDirectory(owner, repo).toFile())
        .setBare()
        .build();
  }

  /** The first logged delivery that matches, waiting for it. */
  static WebhookDelivery delivered(GitHubEmulator emu, Predicate<WebhookDelivery> wanted) {
    return await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(
            () -> emu.deliveries().stream().filter(wanted).findFirst().orElse(null),
            Objects::nonNull);
  }

  static com.fasterxml.jackson.databind.JsonNode body(WebhookDelivery delivery) {
    try {
      return Http.JSON.readTree(delivery.requestBody());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
