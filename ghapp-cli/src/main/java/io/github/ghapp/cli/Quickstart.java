package io.github.ghapp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.Installation;
import io.github.ghapp.auth.InstallationToken;
import io.github.ghapp.auth.TokenRequest;
import io.github.ghapp.emulator.EmulatedApp;
import io.github.ghapp.emulator.GitHubEmulator;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The quickstart's walk through the documented flow, against an emulator started for it with its
 * demo state: each step does what a GitHub App does and checks that GitHub's side answered as
 * GitHub would. Steps run in order and share what earlier ones produced (the app, the installation,
 * the token); when one that later steps need fails, those are skipped.
 */
final class Quickstart implements AutoCloseable {
  private static final long APP_ID = 1001;
  private static final long INSTALLATION_ID = 42;
  private static final String OWNER = "octo-org";
  private static final String REPO = "hello-world";

  /** In the installation, but not in the token: the out-of-scope step's target. */
  private static final String OTHER_REPO = "docs";

  private static final Map<String, String> PERMISSIONS =
      Map.of("contents", "read", "issues", "write", "metadata", "read");

  /**
   * One step: what it shows, whether later steps need it, and the action, which returns what
   * happened.
   */
  record Step(String name, String why, boolean needed, Action action) {}

  @FunctionalInterface
  interface Action {
    String run() throws Exception;
  }

  private final boolean forceJGit;
  private final Consumer<GitHubEmulator> afterStart;

  /** Temporary directories to delete at the end. */
  private final List<AutoCloseable> cleanUp = new ArrayList<>();

  private GitHubEmulator emulator;
  private QuickstartWebhook webhook;
  private QuickstartChecks checks;
  private GitHubApp app;
  private EmulatedApp emulatedApp;
  private InstallationToken token;
  private TokenHttp withToken;

  Quickstart(boolean forceJGit) {
    this(forceJGit, emulator -> {});
  }

  /**
   * @param afterStart runs once the emulator is up, before any step uses it; tests change GitHub's
   *     side there to see a step fail as it would against a GitHub that answered otherwise
   */
  Quickstart(boolean forceJGit, Consumer<GitHubEmulator> afterStart) {
    this.forceJGit = forceJGit;
    this.afterStart = afterStart;
  }

  List<Step> steps() {
    return List.of(
        new Step(
            "emulator",
            "GitHub's side on 127.0.0.1, with its demo state: app 1001 (octo-app)"
                + " installed on octo-org and octocat",
            true,
            this::startEmulator),
        new Step(
            "JWT",
            "the app proves who it is with a JWT signed by its private key, valid at most 10"
                + " minutes",
            true,
            this::signJwt),
        new Step(
            "installation",
            "GET /repos/{owner}/{repo}/installation with the JWT: which installation"
                + " covers the repository",
            true,
            this::findInstallation),
        new Step(
            "token",
            "POST /app/installations/{id}/access_tokens, narrowed to one repository and three"
                + " permissions; it lives an hour",
            true,
            this::mintToken),
        new Step(
            "REST",
            "the token authenticates REST calls (Authorization: Bearer)",
            false,
            this::meta),
        new Step(
            "GraphQL",
            "and GraphQL calls, where the installation acts as the app's bot user",
            false,
            this::graphql),
        new Step(
            "git clone",
            "Git over HTTP: user x-access-token, password the token (contents: read)",
            false,
            this::gitClone),
        new Step(
            "webhook",
            "GitHub POSTs a signed event to the app's webhook URL; the handler answers with"
                + " event.client(), as the installation that got it",
            false,
            this::webhook),
        new Step(
            "checks",
            "GitHub's default checks flow: a push asks every app with checks: write for a"
                + " check suite (check_suite.requested); the handler reports a check run",
            false,
            this::checks),
        new Step(
            "out of scope",
            "docs is in the installation but not in the token: GitHub answers as if it"
                + " did not exist",
            false,
            this::outOfScope),
        new Step(
            "revoke",
            "DELETE /installation/token: refused at once, long before it would expire",
            false,
            this::revoke));
  }

  private String startEmulator() {
    emulator = GitHubEmulator.builder().demoState().build().start();
    afterStart.accept(emulator);
    emulatedApp = emulator.app(APP_ID);
    return "running at " + emulator.baseUrl();
  }

  private String signJwt() throws IOException {
    app =
        GitHubApp.builder()
            .clientId(emulatedApp.clientId())
            .privateKey(emulatedApp.privateKeyPem())
            .baseUrl(emulator.baseUrl())
            .build();
    String jwt = app.jwt();
    JsonNode claims = JwtCommand.decode(jwt, 1);
    String algorithm = JwtCommand.decode(jwt, 0).path("alg").asText();
    expect(algorithm.equals("RS256"), "the JWT is signed with " + algorithm + ", not RS256");
    long now = emulator.clock().instant().getEpochSecond();
    long iat = claims.path("iat").asLong();
    long exp = claims.path("exp").asLong();
    expect(
        claims.path("iss").asText().equals(emulatedApp.clientId()),
        "iss is " + claims.path("iss") + ", not the client ID " + emulatedApp.clientId());
    expect(
        iat <= now && exp > now && exp - now <= 600,
        "iat/exp are not around now: iat=" + iat + ", exp=" + exp + ", now=" + now);
    String slug = app.appClient().request("GET /app").path("slug").asText();
    expect(slug.equals(emulatedApp.slug()), "GET /app answered slug " + slug);
    return algorithm
        + ", iss="
        + claims.path("iss").asText()
        + ", iat=now"
        + signed(iat - now)
        + "s, exp=now+"
        + (exp - now) / 60
        + "m; GitHub accepts it: GET /app is "
        + slug;
  }

  private String findInstallation() {
    Installation found = app.installations().forRepository(OWNER, REPO);
    expect(
        found.id() == INSTALLATION_ID && found.account().equals(OWNER),
        "found installation "
            + found.id()
            + " on "
            + found.account()
            + ", expected "
            + INSTALLATION_ID
            + " on "
            + OWNER);
    return OWNER
        + "/"
        + REPO
        + " -> installation "
        + found.id()
        + " ("
        + found.account()
        + ", "
        + found.repositorySelection()
        + " repositories)";
  }

  private String mintToken() {
    token =
        app.createToken(
            INSTALLATION_ID,
            TokenRequest.builder().repositories(REPO).permissions(PERMISSIONS).build());
    withToken = new TokenHttp(token.token());
    List<String> repos = token.repositories().stream().map(r -> r.name()).toList();
    expect(repos.equals(List.of(REPO)), "the token reaches " + repos + ", not just " + REPO);
    expect(
        token.permissions().equals(PERMISSIONS),
        "the token has " + token.permissions() + ", not " + PERMISSIONS);
    Duration left = Duration.between(emulator.clock().instant(), token.expiresAt());
    expect(
        left.compareTo(Duration.ofMinutes(55)) > 0 && left.compareTo(Duration.ofMinutes(61)) <= 0,
        "it expires in " + left + ", not in an hour");
    return Secrets.mask(token.token())
        + " for "
        + REPO
        + " only, "
        + new TreeMap<>(token.permissions())
            .entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "))
        + ", expires "
        + token.expiresAt()
        + " (in "
        + Math.round(left.toSeconds() / 60.0)
        + " min)";
  }

  private String meta() throws IOException, InterruptedException {
    TokenHttp.Answer meta = withToken.send("GET", api("/meta"), null);
    expect(
        meta.status() == 200 && meta.body().has("verifiable_password_authentication"),
        "GET /meta answered " + meta.describe());
    return "GET /meta with the token: 200";
  }

  private String graphql() throws IOException, InterruptedException {
    TokenHttp.Answer answer =
        withToken.send(
            "POST", emulator.graphqlUrl(), Map.of("query", "query { viewer { login } }"));
    String login = answer.body().path("data").path("viewer").path("login").asText(null);
    expect(
        answer.status() == 200 && emulatedApp.botLogin().equals(login),
        "viewer { login } answered "
            + (login != null
                ? login
                : (answer.describe() + " " + answer.body().path("errors").toString()).strip()));
    return "viewer { login } is " + login;
  }

  private String gitClone() throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("ghapp-quickstart-");
    cleanUp.add(() -> Trees.delete(dir));
    URI url =
        URI.create(
            emulator.baseUrl().getScheme()
                + "://"
                + emulator.baseUrl().getRawAuthority()
                + "/"
                + OWNER
                + "/"
                + REPO
                + ".git");
    String git = forceJGit ? null : GitClone.gitVersion();
    Path clone = dir.resolve(REPO);
    if (git != null) {
      GitClone.withGit(url, clone, token.token());
    } else {
      GitClone.withJGit(url, clone, token.token());
    }
    List<String> files;
    try (var listing = Files.list(clone)) {
      files =
          listing
              .map(p -> p.getFileName().toString())
              .filter(n -> !n.equals(".git"))
              .sorted()
              .toList();
    }
    expect(!files.isEmpty(), "the clone has no files");
    String client = git != null ? git : forceJGit ? "JGit" : "JGit (no git binary found)";
    return OWNER + "/" + REPO + " cloned with " + client + ": " + String.join(", ", files);
  }

  private String webhook() throws Exception {
    webhook = new QuickstartWebhook(app);
    String url = webhook.uri().toString();
    // Where GitHub delivers is the app's setting; the app itself may change it with its JWT.
    JsonNode config =
        app.appClient()
            .request(
                "PATCH /app/hook/config",
                Map.of("url", url, "secret", webhook.secret(), "content_type", "json"));
    expect(
        config.path("url").asText().equals(url),
        "PATCH /app/hook/config answered url " + config.path("url"));

    TokenHttp.Answer created =
        withToken.send(
            "POST",
            api("/repos/" + OWNER + "/" + REPO + "/issues"),
            Map.of("title", "Hello from the ghapp quickstart"));
    expect(created.status() == 201, "opening an issue answered " + created.describe());
    long number = created.body().path("number").asLong();
    long handled = webhook.awaitComment();
    expect(handled == number, "the webhook was about issue #" + handled + ", not #" + number);
    TokenHttp.Answer comments =
        withToken.send(
            "GET", api("/repos/" + OWNER + "/" + REPO + "/issues/" + number + "/comments"), null);
    boolean found = false;
    for (JsonNode comment : comments.body()) {
      found |=
          comment.path("body").asText().equals(QuickstartWebhook.THANKS)
              && comment.path("user").path("login").asText().equals(emulatedApp.botLogin());
    }
    expect(found, "issue #" + number + " has no comment from " + emulatedApp.botLogin());
    return "webhook URL set to "
        + url
        + " (PATCH /app/hook/config); opened issue #"
        + number
        + "; issues.opened reached the handler, which commented as "
        + emulatedApp.botLogin();
  }

  private String checks() throws Exception {
    checks = new QuickstartChecks();
    return checks.run(emulator, OWNER, REPO);
  }

  private String outOfScope() throws IOException, InterruptedException {
    TokenHttp.Answer answer =
        withToken.send("GET", api("/repos/" + OWNER + "/" + OTHER_REPO), null);
    expect(
        answer.status() == 404,
        "GET /repos/"
            + OWNER
            + "/"
            + OTHER_REPO
            + " answered "
            + answer.describe()
            + " (expected 404)");
    return "GET /repos/" + OWNER + "/" + OTHER_REPO + " with the token: " + answer.describe();
  }

  private String revoke() throws IOException, InterruptedException {
    app.revoke(token);
    TokenHttp.Answer after = withToken.send("GET", api("/installation/repositories"), null);
    expect(after.status() == 401, "after revoking, the token still gets " + after.describe());
    return "revoked; then GET /installation/repositories with it: " + after.describe();
  }

  @Override
  public void close() {
    // The emulator first, so that nothing is delivered to a receiver being closed.
    closeQuietly(emulator);
    closeQuietly(webhook);
    closeQuietly(checks);
    closeQuietly(withToken);
    cleanUp.forEach(Quickstart::closeQuietly);
  }

  private static void closeQuietly(AutoCloseable resource) {
    if (resource == null) {
      return;
    }
    try {
      resource.close();
    } catch (Exception e) {
      // the process ends next; nothing more to do about a resource that would not close
    }
  }

  private URI api(String path) {
    return URI.create(emulator.baseUrl() + path);
  }

  private static void expect(boolean condition, String otherwise) {
    if (!condition) {
      throw new IllegalStateException(otherwise);
    }
  }

  private static String signed(long n) {
    return n < 0 ? Long.toString(n) : "+" + n;
  }
}
