package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that has its answer finds its request in {@code emu.requests()}: on every surface (REST,
 * GraphQL, Git) and for every kind of answer (served, injected 5xx, refused version, spent rate
 * limit, refused credential), the log is read right after the answer, without waiting. Each request
 * is repeated, so that an entry written after the answer (a race) shows up as a missing entry
 * rather than passing by luck. The entry must carry the answer's {@code X-GitHub-Request-Id}, which
 * ties it to exactly that answer.
 */
class RequestLogTest {

  private static final int REPEAT = 20;

  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  @TempDir Path work;

  private GitHubEmulator emu;

  @BeforeEach
  void clearTheLog() {
    emu = github.emulator();
    emu.clearRequests();
  }

  private Http api() {
    return Http.at(emu.baseUrl());
  }

  private Http.Reply graphql(String token, String query) {
    return Http.at(emu.graphqlUrl()).bearer(token).post("", "{\"query\": \"" + query + "\"}");
  }

  /** Git's smart HTTP endpoint {@code path} of octo-org/hello-world. */
  private Http git(String token) {
    Http http = Http.at(URI.create(emu.gitUrl("octo-org", "hello-world").toString()));
    if (token == null) {
      return http;
    }
    String basic =
        Base64.getEncoder()
            .encodeToString(("x-access-token:" + token).getBytes(StandardCharsets.UTF_8));
    return http.header("Authorization", "Basic " + basic);
  }

  /** The newest log entry is this answer's, read at once. */
  private RecordedRequest loggedAnswerOf(Http.Reply reply) {
    List<RecordedRequest> log = emu.requests();
    assertThat(log).as("the log right after %s", reply).isNotEmpty();
    RecordedRequest newest = log.get(log.size() - 1);
    assertThat(newest.requestId())
        .as("the entry of the answer just received")
        .isEqualTo(reply.header("X-GitHub-Request-Id"));
    assertThat(newest.status()).isEqualTo(reply.status());
    return newest;
  }

  @Test
  void restAnswer_isLoggedWithTheCallerAndStatus_beforeTheClientHasIt() {
    String token = Tokens.mint(emu, 42, "{}");
    for (int i = 0; i < REPEAT; i++) {
      RecordedRequest logged = loggedAnswerOf(api().token(token).get("/installation/repositories"));

      assertThat(logged.method()).isEqualTo("GET");
      assertThat(logged.path()).isEqualTo("/installation/repositories");
      assertThat(logged.credential()).isEqualTo(CredentialKind.INSTALLATION_TOKEN);
      assertThat(logged.installationId()).isEqualTo(42L);
      assertThat(logged.status()).isEqualTo(200);
    }
  }

  @Test
  void mint_isLoggedAsAMint_beforeTheClientHasItsToken() {
    for (int i = 0; i < REPEAT; i++) {
      RecordedRequest logged = loggedAnswerOf(Tokens.mintReply(emu, 42, "{}"));

      assertThat(logged.isMint()).isTrue();
      assertThat(logged.credential()).isEqualTo(CredentialKind.JWT);
      assertThat(logged.installationId()).isEqualTo(42L);
    }
    assertThat(emu.requests().stream().filter(RecordedRequest::isMint).count()).isEqualTo(REPEAT);
  }

  @Test
  void injected5xx_isLogged_beforeTheClientHasIt() {
    String token = Tokens.mint(emu, 42, "{}");
    emu.faults().failNext(REPEAT, 502);
    for (int i = 0; i < REPEAT; i++) {
      RecordedRequest logged = loggedAnswerOf(api().token(token).get("/installation/repositories"));

      assertThat(logged.status()).isEqualTo(502);
      assertThat(logged.credential())
          .as("classified, though never checked")
          .isEqualTo(CredentialKind.INSTALLATION_TOKEN);
    }
  }

  @Test
  void unsupportedApiVersion_isLogged_beforeTheClientHasTheRefusal() {
    for (int i = 0; i < REPEAT; i++) {
      RecordedRequest logged =
          loggedAnswerOf(api().header("X-GitHub-Api-Version", "v3").get("/meta"));

      assertThat(logged.status()).isEqualTo(400);
      assertThat(logged.path()).isEqualTo("/meta");
    }
  }

  @Test
  void spentRateLimit_isLogged_beforeTheClientHasTheRefusal() {
    String token = Tokens.mint(emu, 42, "{}");
    emu.faults().exhaustRateLimit(42, 429);
    for (int i = 0; i < REPEAT; i++) {
      RecordedRequest logged = loggedAnswerOf(api().token(token).get("/installation/repositories"));

      assertThat(logged.status()).isEqualTo(429);
      assertThat(logged.installationId()).isEqualTo(42L);
    }
  }

  @Test
  void refusedCredential_isLoggedAsInvalid_beforeTheClientHasTheRefusal() {
    for (int i = 0; i < REPEAT; i++) {
      RecordedRequest logged =
          loggedAnswerOf(
              api().token("ghs_notATokenTheEmulatorIssued").get("/installation/repositories"));

      assertThat(logged.status()).isEqualTo(401);
      assertThat(logged.credential()).isEqualTo(CredentialKind.INVALID);
      assertThat(logged.installationId()).isNull();
    }
  }

  @Test
  void graphqlAnswers_areLogged_beforeTheClientHasThem() {
    String token = Tokens.mint(emu, 42, "{}");
    for (int i = 0; i < REPEAT; i++) {
      RecordedRequest served = loggedAnswerOf(graphql(token, "{ viewer { login } }"));
      assertThat(served.path()).isEqualTo("/graphql");
      assertThat(served.installationId()).isEqualTo(42L);
      assertThat(served.status()).isEqualTo(200);

      assertThat(
              loggedAnswerOf(graphql("ghs_notATokenTheEmulatorIssued", "{ viewer { login } }"))
                  .credential())
          .isEqualTo(CredentialKind.INVALID);
    }
    emu.faults().failNext(1, 503);
    assertThat(loggedAnswerOf(graphql(token, "{ viewer { login } }")).status()).isEqualTo(503);
  }

  @Test
  void gitClone_withTheGitBinary_isLoggedByTheTimeGitHasExited() {
    String token = Tokens.mint(emu, 42, "{}");
    URI url = emu.gitUrl("octo-org", "hello-world");
    emu.clearRequests();

    GitCli.Result clone =
        new GitCli(work)
            .run(
                work,
                "clone",
                url.getScheme()
                    + "://x-access-token:"
                    + token
                    + "@"
                    + url.getAuthority()
                    + url.getPath(),
                "clone");

    assertThat(clone.succeeded()).as(clone.output()).isTrue();
    // git first asks without credentials (401, the challenge), then with the token.
    assertThat(emu.requests())
        .extracting(RecordedRequest::path, RecordedRequest::credential, RecordedRequest::status)
        .containsExactly(
            tuple("/octo-org/hello-world.git/info/refs", CredentialKind.NONE, 401),
            tuple("/octo-org/hello-world.git/info/refs", CredentialKind.BASIC, 200),
            tuple("/octo-org/hello-world.git/git-upload-pack", CredentialKind.BASIC, 200));
  }

  @Test
  void gitAnswers_servedAndRefused_areLogged_beforeTheClientHasThem() {
    String reader = Tokens.mint(emu, 42, "{}");
    for (int i = 0; i < REPEAT; i++) {
      assertThat(loggedAnswerOf(git(reader).get("/info/refs?service=git-upload-pack")).status())
          .isEqualTo(200);
      assertThat(loggedAnswerOf(git(null).get("/info/refs?service=git-upload-pack")).status())
          .isEqualTo(401);
      assertThat(
              loggedAnswerOf(
                      git("ghs_notATokenTheEmulatorIssued")
                          .get("/info/refs?service=git-upload-pack"))
                  .credential())
          .isEqualTo(CredentialKind.INVALID);
      assertThat(loggedAnswerOf(git(reader).get("/info/refs?service=git-receive-pack")).status())
          .isEqualTo(403);
      // JGit's own refusal (a pack request that is not one), answered through sendError.
      assertThat(loggedAnswerOf(git(reader).post("/git-upload-pack", "{}")).status())
          .isGreaterThanOrEqualTo(400);
    }
    emu.faults().failNext(1, 502);
    assertThat(loggedAnswerOf(git(reader).get("/info/refs?service=git-upload-pack")).status())
        .isEqualTo(502);
  }

  @Test
  void adminApi_isNotLogged_butShowsAnAnswerAsSoonAsTheClientHasIt() {
    Http admin = Http.admin(emu);
    for (int i = 0; i < REPEAT; i++) {
      Http.Reply reply = api().get("/meta");

      JsonNode log = admin.get("/_emulator/requests").json;

      assertThat(log).hasSize(i + 1);
      assertThat(log.get(i).get("request_id").asText())
          .isEqualTo(reply.header("X-GitHub-Request-Id"));
    }
  }
}
