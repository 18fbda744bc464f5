package io.github.ghapp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.InstallationToken;
import io.github.ghapp.auth.Repository;
import io.github.ghapp.auth.TokenRequest;
import io.github.ghapp.emulator.EmulatedApp;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.webhooks.WebhookServer;
import io.github.ghapp.webhooks.Webhooks;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * The quickstart's checks step, GitHub's default checks flow seen from an App: a second app, {@code
 * octo-checks} (checks and pull requests write, which the demo app lacks, and contents write), is
 * installed on the repository, pushes a branch and opens a pull request from it; GitHub sends it
 * {@code check_suite requested} for the pushed commit, whose handler reports a check run on it with
 * {@code event.client()}; the run is then read back by ref.
 */
final class QuickstartChecks implements AutoCloseable {
  static final String SLUG = "octo-checks";
  static final String BRANCH = "quickstart-checks";
  static final String CHECK = "quickstart";

  /** GitHub gives a receiver 10 s to answer; the handler runs after that answer. */
  private static final Map<String, String> PERMISSIONS =
      Map.of("checks", "write", "contents", "write", "pull_requests", "write");

  private final String secret = newWebhookSecret();
  private final CompletableFuture<Long> reported = new CompletableFuture<>();
  private Webhooks hooks;
  private WebhookServer receiver;
  private Path work;

  /** Runs the step on {@code owner/repo} of the emulator; returns what happened. */
  String run(GitHubEmulator emulator, String owner, String repo) throws Exception {
    EmulatedApp created = emulator.createApp(0, SLUG, PERMISSIONS, List.of("check_suite"));
    long installation = emulator.createInstallation(created.id(), owner, List.of(repo), null);
    GitHubApp app =
        GitHubApp.builder()
            .clientId(created.clientId())
            .privateKey(created.privateKeyPem())
            .baseUrl(emulator.baseUrl())
            .build();
    listen(app);
    app.appClient()
        .request(
            "PATCH /app/hook/config",
            Map.of("url", receiver.uri().toString(), "secret", secret, "content_type", "json"));
    InstallationToken token =
        app.createToken(installation, TokenRequest.builder().repositories(repo).build());

    String sha = pushBranch(emulator, owner, repo, token.token());
    TokenHttp http = new TokenHttp(token.token());
    TokenHttp.Answer pull =
        http.send(
            "POST",
            api(emulator, "/repos/" + owner + "/" + repo + "/pulls"),
            Map.of("title", "Checked by the ghapp quickstart", "head", BRANCH, "base", "main"));
    expect(pull.status() == 201, "opening a pull request answered " + pull.describe());
    long number = pull.body().path("number").asLong();

    long run = awaitRun();
    TokenHttp.Answer runs =
        http.send(
            "GET",
            api(emulator, "/repos/" + owner + "/" + repo + "/commits/" + sha + "/check-runs"),
            null);
    JsonNode found = null;
    for (JsonNode candidate : runs.body().path("check_runs")) {
      if (candidate.path("id").asLong() == run) {
        found = candidate;
      }
    }
    expect(
        runs.status() == 200 && found != null,
        "GET .../commits/"
            + sha
            + "/check-runs answered "
            + runs.describe()
            + " without run "
            + run);
    expect(
        found.path("conclusion").asText().equals("success")
            && found.path("app").path("slug").asText().equals(SLUG),
        "the run read back is " + found.path("conclusion") + " by " + found.at("/app/slug"));
    String shortSha = sha.substring(0, 7);
    return "pushed "
        + BRANCH
        + " ("
        + shortSha
        + ") and opened pull request #"
        + number
        + " as "
        + SLUG
        + "; check_suite.requested reached its handler, which reported check run '"
        + CHECK
        + "' (success) on "
        + shortSha
        + ", read back by GET .../commits/"
        + shortSha
        + ".../check-runs";
  }

  /** The App's side: a handler that answers {@code check_suite.requested} with a check run. */
  private void listen(GitHubApp app) {
    hooks = Webhooks.builder(app).secret(secret).build();
    hooks.on(
        "check_suite.requested",
        event -> {
          Repository repository = event.repository().orElseThrow();
          String sha = event.payload().path("check_suite").path("head_sha").asText();
          JsonNode run =
              event
                  .client()
                  .request(
                      "POST /repos/{owner}/{repo}/check-runs",
                      Map.of(
                          "owner",
                          repository.owner(),
                          "repo",
                          repository.name(),
                          "name",
                          CHECK,
                          "head_sha",
                          sha,
                          "conclusion",
                          "success",
                          "output",
                          Map.of(
                              "title",
                              "All good",
                              "summary",
                              "Reported by the quickstart's check_suite handler.")));
          reported.complete(run.path("id").asLong());
        });
    hooks.onError((event, error) -> reported.completeExceptionally(error));
    receiver = WebhookServer.builder(hooks).host("127.0.0.1").port(0).path("/webhooks").start();
  }

  /** Clones with JGit (always at hand), commits one file and pushes it as a new branch. */
  private String pushBranch(GitHubEmulator emulator, String owner, String repo, String token)
      throws IOException {
    work = Files.createTempDirectory("ghapp-quickstart-checks-");
    URI base = emulator.baseUrl();
    URI url =
        URI.create(
            base.getScheme() + "://" + base.getRawAuthority() + "/" + owner + "/" + repo + ".git");
    UsernamePasswordCredentialsProvider credentials =
        new UsernamePasswordCredentialsProvider("x-access-token", token);
    try (Git git =
        Git.cloneRepository()
            .setURI(url.toString())
            .setDirectory(work.toFile())
            .setCredentialsProvider(credentials)
            .call()) {
      Files.writeString(work.resolve("CHECKED.md"), "Pushed by the ghapp quickstart.\n");
      git.add().addFilepattern("CHECKED.md").call();
      PersonIdent bot = new PersonIdent(SLUG + "[bot]", SLUG + "[bot]@users.noreply.github.com");
      String sha =
          git.commit().setMessage("Add CHECKED.md").setAuthor(bot).setCommitter(bot).call().name();
      git.push()
          .setCredentialsProvider(credentials)
          .setRefSpecs(new RefSpec("HEAD:refs/heads/" + BRANCH))
          .call();
      return sha;
    } catch (GitAPIException e) {
      throw new IOException("JGit could not push " + BRANCH + ": " + e.getMessage(), e);
    }
  }

  private long awaitRun() throws InterruptedException {
    return QuickstartWebhook.awaitHandler(reported, "check_suite.requested");
  }

  @Override
  public void close() {
    if (receiver != null) {
      receiver.close();
    }
    if (hooks != null) {
      hooks.close();
    }
    if (work != null) {
      Trees.delete(work);
    }
  }

  private static URI api(GitHubEmulator emulator, String path) {
    return URI.create(emulator.baseUrl() + path);
  }

  private static void expect(boolean condition, String otherwise) {
    if (!condition) {
      throw new IllegalStateException(otherwise);
    }
  }

  /** 128 random bits; nextBytes of a default SecureRandom never blocks waiting for entropy. */
  private static String newWebhookSecret() {
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
