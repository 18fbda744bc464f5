package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every push, through Git over HTTP or through the contents and refs API, is a signed {@code push}
 * delivery with GitHub's headers and payload (validated against GitHub's webhook schema), to the
 * apps that subscribe to it.
 */
class PushWebhookTest {

  private static final String SECRET = "push-secret";
  private static final String ZEROS = "0".repeat(40);

  private static WebhookReceiver receiver;
  private static GitHubEmulator emu;
  private static GitHubOpenApi openApi;
  private static Http org;

  @TempDir Path work;

  @BeforeAll
  static void startAReceiverAndAnEmulatorWhoseAppHearsPushes() {
    receiver = WebhookReceiver.start();
    openApi = GitHubOpenApi.get();
    emu =
        GitHubEmulator.builder()
            .stateYaml(
                """
                apps:
                  - id: 1001
                    slug: push-app
                    private_key_file: push-app.pem
                    permissions: {contents: write, metadata: read}
                    events: [push]
                    webhook: {url: "%s", secret: "%s"}
                accounts:
                  - {login: octo-org, type: Organization, repositories: [site]}
                  - {login: octocat, type: User, repositories: [blog]}
                installations:
                  - {id: 42, app: 1001, account: octo-org}
                  - {id: 43, app: 1001, account: octocat}
                """
                    .formatted(receiver.url("/hooks"), SECRET))
            .build()
            .start();
    org = Http.at(emu.baseUrl()).token(Tokens.mint(emu, 42, "{}"));
  }

  @AfterAll
  static void stop() {
    emu.stop();
    receiver.close();
  }

  /** The first push delivery whose payload fits. */
  private static WebhookReceiver.Received push(Predicate<JsonNode> which) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                receiver.received().stream()
                    .filter(r -> "push".equals(r.header("X-GitHub-Event")))
                    .filter(r -> which.test(json(r)))
                    .findFirst()
                    .orElse(null),
            java.util.Objects::nonNull);
  }

  private static JsonNode json(WebhookReceiver.Received received) {
    try {
      return Http.JSON.readTree(received.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode valid(WebhookReceiver.Received received) {
    JsonNode payload = json(received);
    assertThat(
            GitHubOpenApi.problems(
                openApi.webhook("push"), GitHubOpenApi.botAddressesAsMailboxes(payload)))
        .as("%s", payload)
        .isEmpty();
    return payload;
  }

  private static String hmac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String mainOf(Http http, String repo) {
    return http.get("/repos/" + repo + "/git/ref/heads/main").json.at("/object/sha").asText();
  }

  @Test
  void aRealGitPush_isASignedPushDeliveryWithTheCommitsItBrought() throws IOException {
    String before = mainOf(org, "octo-org/site");
    GitCli git = new GitCli(work);
    URI url = emu.gitUrl("octo-org", "site");
    String remote =
        url.getScheme()
            + "://x:"
            + Tokens.mint(emu, 42, "{}")
            + "@"
            + url.getAuthority()
            + url.getPath();
    assertThat(git.run(work, "clone", remote, "site").succeeded()).isTrue();
    Path clone = work.resolve("site");
    Files.writeString(clone.resolve("index.html"), "<h1>site</h1>\n");
    Files.writeString(clone.resolve("README.md"), "# site, changed\n");
    git.run(clone, "add", "index.html", "README.md");
    git.run(clone, "-c", "user.email=mona@example.com", "commit", "-m", "Pushed with git");
    GitCli.Result pushed = git.run(clone, "push", "origin", "main");
    assertThat(pushed.succeeded()).as(pushed.output()).isTrue();
    String after = git.run(clone, "rev-parse", "HEAD").output().trim();

    WebhookReceiver.Received hook = push(p -> p.get("after").asText().equals(after));

    assertThat(hook.header("X-GitHub-Hook-Installation-Target-ID")).isEqualTo("1001");
    assertThat(hook.header("X-GitHub-Delivery")).isNotBlank();
    assertThat(hook.header("X-Hub-Signature-256")).isEqualTo(hmac(hook.body()));
    JsonNode payload = valid(hook);
    assertThat(payload.get("ref").asText()).isEqualTo("refs/heads/main");
    assertThat(payload.get("before").asText()).isEqualTo(before);
    assertThat(payload.get("created").asBoolean()).isFalse();
    assertThat(payload.get("forced").asBoolean()).isFalse();
    assertThat(payload.get("commits")).hasSize(1);
    JsonNode commit = payload.at("/commits/0");
    assertThat(commit.get("id").asText()).isEqualTo(after);
    assertThat(commit.get("message").asText()).isEqualTo("Pushed with git\n");
    assertThat(commit.get("added")).extracting(JsonNode::asText).containsExactly("index.html");
    assertThat(commit.get("modified")).extracting(JsonNode::asText).containsExactly("README.md");
    assertThat(payload.at("/head_commit/id").asText()).isEqualTo(after);
    assertThat(payload.at("/pusher/name").asText()).isEqualTo("push-app[bot]");
    assertThat(payload.at("/sender/login").asText()).isEqualTo("push-app[bot]");
    assertThat(payload.at("/installation/id").asLong()).isEqualTo(42);
    assertThat(payload.at("/organization/login").asText()).isEqualTo("octo-org");
    assertThat(payload.at("/repository/full_name").asText()).isEqualTo("octo-org/site");
  }

  @Test
  void aFileWrittenThroughTheContentsApi_isAPushToo_onAUsersRepository() {
    Http user = Http.at(emu.baseUrl()).token(Tokens.mint(emu, 43, "{}"));
    String content = Base64.getEncoder().encodeToString("hello\n".getBytes(StandardCharsets.UTF_8));

    Http.Reply put =
        user.send(
            "PUT",
            "/repos/octocat/blog/contents/posts%2Fhello.md",
            "{\"message\": \"Add a post\", \"content\": \"" + content + "\"}");
    String sha = put.json.at("/commit/sha").asText();

    JsonNode payload = valid(push(p -> p.get("after").asText().equals(sha)));
    assertThat(payload.at("/commits/0/added/0").asText()).isEqualTo("posts/hello.md");
    assertThat(payload.at("/commits/0/author/username").asText()).isEqualTo("push-app[bot]");
    assertThat(payload.at("/installation/id").asLong()).isEqualTo(43);
    assertThat(payload.has("organization")).isFalse();
  }

  @Test
  void refsCreatedForcedAndDeletedThroughTheApi_arePushesSayingSo() {
    String main = mainOf(org, "octo-org/site");
    org.post(
        "/repos/octo-org/site/git/refs",
        "{\"ref\": \"refs/heads/hooked\", \"sha\": \"" + main + "\"}");
    JsonNode created =
        valid(
            push(
                p ->
                    p.get("ref").asText().equals("refs/heads/hooked")
                        && p.get("created").asBoolean()));
    String content = Base64.getEncoder().encodeToString("x\n".getBytes(StandardCharsets.UTF_8));
    String ahead =
        org.send(
                "PUT",
                "/repos/octo-org/site/contents/ahead.txt",
                "{\"message\": \"Ahead\", \"content\": \""
                    + content
                    + "\", \"branch\": \"hooked\"}")
            .json
            .at("/commit/sha")
            .asText();
    org.send(
        "PATCH",
        "/repos/octo-org/site/git/refs/heads%2Fhooked",
        "{\"sha\": \"" + main + "\", \"force\": true}");
    JsonNode forced =
        valid(
            push(
                p ->
                    p.get("ref").asText().equals("refs/heads/hooked")
                        && p.get("before").asText().equals(ahead)));
    org.delete("/repos/octo-org/site/git/refs/heads/hooked");
    JsonNode deleted =
        valid(
            push(
                p ->
                    p.get("ref").asText().equals("refs/heads/hooked")
                        && p.get("deleted").asBoolean()));

    assertThat(created.get("before").asText()).isEqualTo(ZEROS);
    assertThat(created.get("commits")).isEmpty();
    assertThat(created.at("/head_commit/id").asText()).isEqualTo(main);
    assertThat(created.at("/head_commit/distinct").asBoolean()).isFalse();
    assertThat(forced.get("forced").asBoolean()).isTrue();
    assertThat(forced.get("after").asText()).isEqualTo(main);
    assertThat(deleted.get("after").asText()).isEqualTo(ZEROS);
    assertThat(deleted.get("head_commit").isNull()).isTrue();
    assertThat(deleted.get("commits")).isEmpty();
  }
}
