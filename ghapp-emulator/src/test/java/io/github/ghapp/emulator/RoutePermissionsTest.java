package io.github.ghapp.emulator;

import static io.github.ghapp.emulator.JwtAuthenticationTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Route by route (GITHUB-FACTS.md sections 2 and 5): each repository route answers 403 {@code
 * Resource not accessible by integration} to a token without the permission it needs, 404 for a
 * private repository outside the token's reach, and serves a token that has both; each JWT route
 * refuses an installation token, and each token route an app's JWT. Installation 42 reaches
 * octo-org/hello-world and docs with contents read, issues write and metadata read.
 */
class RoutePermissionsTest {

  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  /**
   * An installation on octo-org of an app with no repository permission at all, not even metadata.
   */
  private static long membersOnly;

  @BeforeAll
  static void openAnIssueAndInstallAnAppWithoutRepositoryPermissions() {
    GitHubEmulator emu = github.emulator();
    Http.Reply issue =
        Http.at(emu.baseUrl())
            .token(Tokens.mint(emu, 42, "{}"))
            .post("/repos/octo-org/hello-world/issues", "{\"title\": \"Issue one\"}");
    assertThat(issue.json.get("number").asInt()).isEqualTo(1);
    EmulatedApp app = emu.createApp(2002, "members-only", Map.of("members", "read"), List.of());
    membersOnly = emu.createInstallation(app.id(), "octo-org");
  }

  /**
   * name, method, path (on octo-org/hello-world), body, a mint body for a token lacking exactly the
   * permission.
   */
  static Stream<Arguments> repositoryRoutes() {
    String readOnly = "{\"permissions\": {\"issues\": \"read\"}}";
    String withoutIssues = "{\"permissions\": {\"contents\": \"read\"}}";
    return Stream.of(
        Arguments.of("GET /repos/{owner}/{repo} needs metadata read", "GET", "", null, null),
        Arguments.of("GET .../issues needs issues read", "GET", "/issues", null, withoutIssues),
        Arguments.of(
            "GET .../issues/{number} needs issues read", "GET", "/issues/1", null, withoutIssues),
        Arguments.of(
            "GET .../issues/{number}/comments needs issues read",
            "GET",
            "/issues/1/comments",
            null,
            withoutIssues),
        Arguments.of(
            "POST .../issues needs issues write",
            "POST",
            "/issues",
            "{\"title\": \"t\"}",
            readOnly),
        Arguments.of(
            "POST .../issues/{number}/comments needs issues write",
            "POST",
            "/issues/1/comments",
            "{\"body\": \"b\"}",
            readOnly));
  }

  private static Http.Reply send(
      String token, String method, String repository, String path, String body) {
    return Http.at(github.baseUrl())
        .token(token)
        .send(method, "/repos/octo-org/" + repository + path, body);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("repositoryRoutes")
  void repositoryRoute_withoutItsPermission_is403ResourceNotAccessible(
      String route, String method, String path, String body, String lackingMint) {
    GitHubEmulator emu = github.emulator();
    String lacking =
        lackingMint == null
            ? Tokens.mintReplyFor(emu, 2002, membersOnly).json.get("token").asText()
            : Tokens.mint(emu, 42, lackingMint);

    assertRefused(
        send(lacking, method, "hello-world", path, body),
        403,
        "Resource not accessible by integration");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("repositoryRoutes")
  void repositoryRoute_onAPrivateRepositoryOutsideTheScope_is404(
      String route, String method, String path, String body, String lackingMint) {
    String narrowedToDocs = Tokens.mint(github.emulator(), 42, "{\"repositories\": [\"docs\"]}");
    String full = Tokens.mint(github.emulator(), 42, "{}");

    assertRefused(send(narrowedToDocs, method, "hello-world", path, body), 404, "Not Found");
    assertRefused(send(full, method, "secret-plans", path, body), 404, "Not Found");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("repositoryRoutes")
  void repositoryRoute_withItsPermissionInScope_isServed(
      String route, String method, String path, String body, String lackingMint) {
    Http.Reply reply =
        send(Tokens.mint(github.emulator(), 42, "{}"), method, "hello-world", path, body);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(method.equals("POST") ? 201 : 200);
  }

  static Stream<Arguments> jwtRoutes() {
    return Stream.of(
        Arguments.of("GET", "/app"),
        Arguments.of("GET", "/app/installations"),
        Arguments.of("GET", "/app/installations/42"),
        Arguments.of("POST", "/app/installations/42/access_tokens"),
        Arguments.of("GET", "/repos/octo-org/hello-world/installation"),
        Arguments.of("GET", "/orgs/octo-org/installation"),
        Arguments.of("GET", "/users/octocat/installation"),
        Arguments.of("GET", "/app/hook/config"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("jwtRoutes")
  void jwtRoute_withAnInstallationToken_couldNotBeDecoded(String method, String path) {
    String token = Tokens.mint(github.emulator(), 42, "{}");

    assertRefused(
        Http.at(github.baseUrl())
            .bearer(token)
            .send(method, path, method.equals("POST") ? "{}" : null),
        401,
        "A JSON web token could not be decoded");
  }

  static Stream<Arguments> tokenRoutes() {
    return Stream.of(
        Arguments.of("GET", "/installation/repositories"),
        Arguments.of("DELETE", "/installation/token"),
        Arguments.of("GET", "/repos/octo-org/hello-world"),
        Arguments.of("GET", "/repos/octo-org/hello-world/issues"),
        Arguments.of("POST", "/repos/octo-org/hello-world/issues"),
        Arguments.of("GET", "/repos/octo-org/hello-world/issues/1/comments"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("tokenRoutes")
  void tokenRoute_withAnAppJwt_isBadCredentials(String method, String path) {
    String jwt = Tokens.jwt(github.emulator(), 1001);

    assertRefused(
        Http.at(github.baseUrl())
            .bearer(jwt)
            .send(method, path, method.equals("POST") ? "{\"title\": \"t\"}" : null),
        401,
        "Bad credentials");
  }
}
