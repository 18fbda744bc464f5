package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Routes a test adds go through the same front door as GitHub's own: credentials, GitHub's
 * permission table, declared permissions, the rate limit, the request log and the headers.
 * Installation 42 reaches octo-org/hello-world and docs with contents read, issues write and
 * metadata read; {@code releases/latest} is documented (contents=read) and not modelled.
 */
class UserRoutesTest {

  private static final AtomicInteger calls = new AtomicInteger();

  @RegisterExtension
  static final GitHubEmulatorExtension github =
      GitHubEmulatorExtension.demo()
          .configure(
              b ->
                  b.route(
                          "GET",
                          "/repos/{o}/{r}/releases/latest",
                          request -> {
                            calls.incrementAndGet();
                            return RouteResponse.ok(
                                    Map.of(
                                        "tag_name", "v1.0." + request.query("patch").orElse("0"),
                                        "repository", request.repository().orElseThrow(),
                                        "owner", request.pathParameter("owner"),
                                        "installation", request.installationId().orElse(0),
                                        "credential", request.credential().name()))
                                .header("X-Test-Route", "releases");
                          })
                      .route(
                          "POST",
                          "/repos/{owner}/{repo}/triage",
                          Map.of("issues", "write"),
                          request -> {
                            @SuppressWarnings("unchecked")
                            Map<String, Object> body = (Map<String, Object>) request.body();
                            return RouteResponse.json(201, Map.of("label", body.get("label")));
                          })
                      .route(
                          "GET",
                          "/app/emulated-insights",
                          request ->
                              request.credential() == CredentialKind.JWT
                                  ? RouteResponse.ok(Map.of("app", request.appId().getAsLong()))
                                  : RouteResponse.error(401, "A JSON web token is needed")));

  private static Http as(String token) {
    return Http.at(github.baseUrl()).token(token);
  }

  @Test
  void route_forATokenWithThePermission_answersWhatTheHandlerSaysWithGitHubsHeaders() {
    String token = Tokens.mint(github.emulator(), 42, "{}");

    Http.Reply reply = as(token).get("/repos/octo-org/hello-world/releases/latest?patch=3");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.json.path("tag_name").asText()).isEqualTo("v1.0.3");
    assertThat(reply.json.path("repository").asText()).isEqualTo("octo-org/hello-world");
    assertThat(reply.json.path("owner").asText())
        .as("placeholders take the spelling of GitHub's table")
        .isEqualTo("octo-org");
    assertThat(reply.json.path("installation").asLong()).isEqualTo(42);
    assertThat(reply.json.path("credential").asText()).isEqualTo("INSTALLATION_TOKEN");
    assertThat(reply.header("X-Test-Route")).isEqualTo("releases");
    assertThat(reply.header("X-Accepted-GitHub-Permissions")).isEqualTo("contents=read");
    assertThat(reply.header("x-ratelimit-resource")).isEqualTo("core");
    assertThat(reply.header("X-GitHub-Request-Id")).isNotBlank();
    assertThat(reply.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
  }

  @Test
  void route_forATokenWithoutThePermission_is403WithTheAcceptedPermissionsAndNoHandlerCall() {
    String issuesOnly =
        Tokens.mint(github.emulator(), 42, "{\"permissions\": {\"issues\": \"read\"}}");
    int before = calls.get();

    Http.Reply reply = as(issuesOnly).get("/repos/octo-org/hello-world/releases/latest");

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.message()).isEqualTo("Resource not accessible by integration");
    assertThat(reply.header("X-Accepted-GitHub-Permissions")).isEqualTo("contents=read");
    assertThat(reply.json.path("documentation_url").asText())
        .isEqualTo("https://docs.github.com/rest/releases#get-the-latest-release");
    assertThat(calls.get()).isEqualTo(before);
  }

  @Test
  void route_aPrivateRepositoryOutOfReach_is404() {
    String token = Tokens.mint(github.emulator(), 42, "{}");

    assertThat(as(token).get("/repos/octo-org/secret-plans/releases/latest").status())
        .isEqualTo(404);
  }

  @Test
  void route_declaredPermissions_areNeededOnAPathGitHubDoesNotDocument() {
    String writer = Tokens.mint(github.emulator(), 42, "{}");
    String reader = Tokens.mint(github.emulator(), 42, "{\"permissions\": {\"issues\": \"read\"}}");

    Http.Reply allowed =
        as(writer).post("/repos/octo-org/hello-world/triage", "{\"label\": \"bug\"}");
    Http.Reply refused =
        as(reader).post("/repos/octo-org/hello-world/triage", "{\"label\": \"bug\"}");
    Http.Reply malformed = as(writer).post("/repos/octo-org/hello-world/triage", "{\"label\":");

    assertThat(allowed.status()).as(allowed.toString()).isEqualTo(201);
    assertThat(allowed.json.path("label").asText()).isEqualTo("bug");
    assertThat(allowed.header("X-Accepted-GitHub-Permissions")).isEqualTo("issues=write");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.header("X-Accepted-GitHub-Permissions")).isEqualTo("issues=write");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.message()).isEqualTo("Problems parsing JSON");
    assertThat(github.emulator().permissionsUsedBy(writer).least())
        .containsEntry("issues", "write");
  }

  @Test
  void route_isInTheRequestLog() {
    String token = Tokens.mint(github.emulator(), 42, "{}");
    github.emulator().clearRequests();

    as(token).get("/repos/octo-org/docs/releases/latest");

    assertThat(github.emulator().requests())
        .singleElement()
        .satisfies(
            logged -> {
              assertThat(logged.method()).isEqualTo("GET");
              assertThat(logged.path()).isEqualTo("/repos/octo-org/docs/releases/latest");
              assertThat(logged.credential()).isEqualTo(CredentialKind.INSTALLATION_TOKEN);
              assertThat(logged.installationId()).isEqualTo(42L);
              assertThat(logged.status()).isEqualTo(200);
            });
  }

  @Test
  void route_isRateLimitedAndNotCalledOnceTheBudgetIsSpent() {
    String token = Tokens.mint(github.emulator(), 42, "{}");
    github.emulator().faults().exhaustRateLimit(42);
    int before = calls.get();

    Http.Reply reply = as(token).get("/repos/octo-org/hello-world/releases/latest");

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.message()).isEqualTo("API rate limit exceeded for installation ID 42.");
    assertThat(reply.header("x-ratelimit-remaining")).isEqualTo("0");
    assertThat(calls.get()).isEqualTo(before);
  }

  @Test
  void route_seesAnAppCallingWithAJwtAndRefusesABadCredentialBeforeTheHandler() {
    Http.Reply asApp =
        Http.at(github.baseUrl())
            .bearer(Tokens.jwt(github.emulator(), 1001))
            .get("/app/emulated-insights");
    Http.Reply anonymous = Http.at(github.baseUrl()).get("/app/emulated-insights");
    Http.Reply badToken =
        as("ghs_000000000000000000000000000000000000").get("/app/emulated-insights");

    assertThat(asApp.json.path("app").asLong()).isEqualTo(1001);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.message()).isEqualTo("A JSON web token is needed");
    assertThat(badToken.status()).isEqualTo(401);
    assertThat(badToken.message()).isEqualTo("Bad credentials");
  }

  @Test
  void adminStub_isServedToARawHttpClientBehindTheSameGate() {
    String stub =
        "{\"method\": \"get\", \"path\": \"/repos/{owner}/{repo}/releases\", \"status\": 200,"
            + " \"body\": [{\"tag_name\": \"v2\"}], \"headers\": {\"X-Stub\": \"yes\"}}";
    Http.Reply created = Http.admin(github.emulator()).post("/_emulator/routes", stub);
    String token = Tokens.mint(github.emulator(), 42, "{}");
    String issuesOnly =
        Tokens.mint(github.emulator(), 42, "{\"permissions\": {\"issues\": \"read\"}}");

    RawHttp.Answer served = get(token, "/repos/octo-org/hello-world/releases");
    RawHttp.Answer refused = get(issuesOnly, "/repos/octo-org/hello-world/releases");

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json.path("path").asText()).isEqualTo("/repos/{owner}/{repo}/releases");
    assertThat(served.status()).isEqualTo(200);
    assertThat(served.json().path(0).path("tag_name").asText()).isEqualTo("v2");
    assertThat(served.headers()).containsEntry("x-stub", "yes");
    assertThat(served.headers()).containsEntry("x-accepted-github-permissions", "contents=read");
    assertThat(refused.status()).isEqualTo(403);
  }

  @Test
  void adminStub_forAModelledEndpointOrWithAMistake_is422SayingWhatToFix() {
    Http admin = Http.admin(github.emulator());

    Http.Reply modelled =
        admin.post("/_emulator/routes", "{\"method\": \"GET\", \"path\": \"/repos/{a}/{b}\"}");
    Http.Reply misspelt =
        admin.post("/_emulator/routes", "{\"method\": \"GET\", \"path\": \"/x\", \"stauts\": 200}");

    assertThat(modelled.status()).isEqualTo(422);
    assertThat(modelled.message()).contains("is modelled by the emulator itself");
    assertThat(misspelt.status()).isEqualTo(422);
    assertThat(misspelt.message()).startsWith("unknown key 'stauts'");
  }

  @Test
  void builder_aModelledPathABadMethodOrTheSameRouteTwice_isRefused() {
    RouteHandler any = request -> RouteResponse.noContent();

    assertThatThrownBy(
            () ->
                GitHubEmulator.builder().route("GET", "/repos/{owner}/{repo}", any).build().start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GET /repos/{owner}/{repo} is modelled by the emulator itself");
    assertThatThrownBy(() -> GitHubEmulator.builder().route("FETCH", "/x", any))
        .hasMessageContaining("is not one of GET, POST, PUT, PATCH or DELETE");
    assertThatThrownBy(() -> GitHubEmulator.builder().route("GET", "x/{y", any))
        .hasMessageContaining("does not start with '/'");
    assertThatThrownBy(
            () -> GitHubEmulator.builder().route("GET", "/x/{a}", any).route("get", "/x/{b}", any))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("was already added");
  }

  private static RawHttp.Answer get(String token, String path) {
    try (RawHttp http = RawHttp.connect(github.emulator().port())) {
      return http.head(
              "GET " + path + " HTTP/1.1",
              "Host: 127.0.0.1:" + github.emulator().port(),
              "Authorization: token " + token,
              "Connection: close")
          .answer();
    }
  }
}
