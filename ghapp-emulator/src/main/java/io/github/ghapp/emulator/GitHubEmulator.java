package io.github.ghapp.emulator;

import io.github.ghapp.emulator.internal.EmulatorSettings;
import io.github.ghapp.emulator.internal.RunningEmulator;
import io.github.ghapp.emulator.internal.SettingsBuilder;
import io.github.ghapp.emulator.internal.routes.UserRoute;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * GitHub's App-authentication side as a local HTTP server: JWT checks, installation look-ups,
 * minting with narrowing, token rules, permission checks, rate limits, faults, a settable clock and
 * a request log, behaving as GitHub does (GITHUB-FACTS.md). Listens on 127.0.0.1 only.
 *
 * <pre>{@code
 * try (GitHubEmulator emu = GitHubEmulator.builder().demoState().build().start()) {
 *     URI api = emu.baseUrl();                        // http://127.0.0.1:PORT
 *     String pem = emu.app(1001).privateKeyPem();     // sign a JWT with it, iss = 1001 or "Iv23liDemo"
 *     // POST {api}/app/installations/42/access_tokens -> a ghs_ token for octo-org/hello-world and docs
 *     emu.clock().advance(Duration.ofMinutes(61));    // ... and now it has expired
 * }
 * }</pre>
 *
 * For JUnit 5 tests, {@link GitHubEmulatorExtension} starts and stops one. Thread-safe.
 */
public final class GitHubEmulator implements AutoCloseable {

  private final EmulatorSettings settings;
  private final EmulatorLifecycle lifecycle;

  private GitHubEmulator(EmulatorSettings settings, Clock clock) {
    this.settings = settings;
    this.lifecycle = new EmulatorLifecycle(settings, clock);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Creates the data directory, loads the state (generating missing keys, creating the Git
   * repositories), binds a port and starts serving. Calling it again on a running emulator does
   * nothing.
   *
   * @return this emulator, for {@code builder()...build().start()}
   * @throws IllegalStateException when it was already stopped: an emulator runs once
   * @throws IllegalArgumentException when the state is invalid; the message names the problem
   */
  public GitHubEmulator start() {
    lifecycle.start();
    return this;
  }

  /**
   * Stops serving and, if the data directory was a temporary one, deletes it. Safe to call twice.
   */
  public void stop() {
    lifecycle.stop();
  }

  @Override
  public void close() {
    stop();
  }

  /**
   * The REST root: {@code http://127.0.0.1:PORT}, or {@code http://127.0.0.1:PORT/api/v3} in GHES
   * mode.
   */
  public URI baseUrl() {
    return running().urls().apiUri();
  }

  /** {@code .../graphql}, or {@code .../api/graphql} in GHES mode. */
  public URI graphqlUrl() {
    return running().urls().graphqlUri();
  }

  /**
   * How clients trust this emulator's HTTPS, when it was built with {@link Builder#tls()}.
   *
   * @throws IllegalStateException when it serves plain HTTP
   */
  public EmulatorTls tls() {
    RunningEmulator running = running();
    if (running.tls() == null) {
      throw new IllegalStateException(
          "this emulator serves plain HTTP; build it with GitHubEmulator.builder().tls()");
    }
    return new EmulatorTls(running.tls());
  }

  /**
   * Where Git serves a repository: {@code http://127.0.0.1:PORT/owner/repo.git} ({@code https} with
   * {@link Builder#tls()}).
   */
  public URI gitUrl(String owner, String repository) {
    return URI.create(running().urls().web("/" + owner + "/" + repository + ".git"));
  }

  /**
   * This run's admin token: the admin API ({@code /_emulator/}) answers only requests that send it
   * as {@code Authorization: Bearer}. A new random one every run.
   */
  public String adminToken() {
    return running().adminToken();
  }

  public int port() {
    return URI.create(running().urls().web()).getPort();
  }

  public boolean isGhes() {
    return settings.ghes();
  }

  /** Where the bare Git repositories and generated keys live. */
  public Path dataDirectory() {
    return running().dataDirectory();
  }

  /** The bare Git repository behind {@code owner/repository}, for tests that inspect pushes. */
  public Path gitDirectory(String owner, String repository) {
    return running().admin().repository(owner, repository).gitDirectory();
  }

  /** The app with this id. */
  public EmulatedApp app(long id) {
    RunningEmulator running = running();
    return new EmulatedApp(running.admin().app(id).id(), running.state(), running.admin());
  }

  /**
   * Every app, in id order: those of the state and those created since. For a test that needs an
   * app of a state file without knowing its id, instead of reading {@code GET /_emulator/state}.
   *
   * <pre>{@code
   * EmulatedApp only = emu.apps().get(0);
   * String jwtIssuer = only.clientId();
   * }</pre>
   */
  public List<EmulatedApp> apps() {
    RunningEmulator running = running();
    return running.state().apps().stream()
        .map(a -> new EmulatedApp(a.id(), running.state(), running.admin()))
        .toList();
  }

  /**
   * What the emulator knows of an installation token it handed out; empty when it never did, or the
   * token was revoked. Its expiry is in the emulator's time ({@link #now()}).
   */
  public Optional<EmulatedToken> token(String token) {
    Objects.requireNonNull(token, "token");
    RunningEmulator running = running();
    return running.tokens().find(token).map(issued -> EmulatedToken.of(issued, running.state()));
  }

  /**
   * The emulator's now: its {@link #clock()} plus the injected {@link Faults#clockOffset}, the time
   * by which it judges JWTs and token expiry and writes {@code Date}.
   */
  public Instant now() {
    return running().time().now();
  }

  /** The emulator's clock; move it to expire tokens and JWTs. */
  public EmulatorClock clock() {
    return running().clock();
  }

  public Faults faults() {
    return lifecycle.faults();
  }

  /** Every request answered so far (except the admin API's), oldest first. */
  public List<RecordedRequest> requests() {
    return running().requestLog().snapshot();
  }

  public void clearRequests() {
    running().requestLog().clear();
  }

  /**
   * What {@code installationId}'s tokens really used so far: each REST endpoint the permission gate
   * let through, and the least permissions that cover them all. See {@link PermissionsUsed}.
   */
  public PermissionsUsed permissionsUsed(long installationId) {
    return new PermissionsUsed(running().permissionUsage().ofInstallation(installationId));
  }

  /** As {@link #permissionsUsed(long)}, for one installation token. */
  public PermissionsUsed permissionsUsedBy(String token) {
    return new PermissionsUsed(running().permissionUsage().ofToken(token));
  }

  /**
   * Every webhook delivery attempt so far, oldest first (at most the last 1,000). Deliveries are
   * asynchronous: wait for one with Awaitility, e.g. {@code await().until(() ->
   * !emu.deliveries().isEmpty())}.
   */
  public List<WebhookDelivery> deliveries() {
    return running().webhooks().deliveries();
  }

  /**
   * Sends a logged delivery again, with the same {@code X-GitHub-Delivery} and body; the attempt is
   * logged with {@link WebhookDelivery#redelivery()} true.
   *
   * @param deliveryId a {@link WebhookDelivery#id()} from {@link #deliveries()}
   */
  public void redeliver(long deliveryId) {
    running().webhooks().redeliver(deliveryId);
  }

  /**
   * Registers an app with a generated key pair; read the key with {@code app(id).privateKeyPem()}.
   *
   * @param id the app id, or 0 to let the emulator choose
   * @param permissions e.g. {@code Map.of("contents", "read")}
   */
  public EmulatedApp createApp(
      long id, String slug, Map<String, String> permissions, List<String> events) {
    RunningEmulator running = running();
    return new EmulatedApp(
        running.admin().createApp(id, null, slug, null, permissions, events, null).id(),
        running.state(),
        running.admin());
  }

  /** An organization ({@code "Organization"}) or a user ({@code "User"}). */
  public void createAccount(String login, String type) {
    running().admin().createAccount(login, type);
  }

  /** Creates the repository (and its Git repository with a README on main); returns its id. */
  public long createRepository(String owner, String name, boolean isPrivate) {
    return running().admin().createRepository(owner, name, isPrivate).id();
  }

  /**
   * Installs the app on every repository of the account, with all of the app's permissions; returns
   * the id.
   */
  public long createInstallation(long appId, String account) {
    return running().admin().installOnAll(appId, account).id();
  }

  /**
   * Installs the app on some repositories of the account with the given permissions (null: the
   * app's).
   *
   * @return the new installation's id
   */
  public long createInstallation(
      long appId, String account, List<String> repositories, Map<String, String> permissions) {
    return running()
        .admin()
        .installOn(
            appId, account, Objects.requireNonNull(repositories, "repositories"), permissions)
        .id();
  }

  /** Suspends the installation: minting answers 403, its tokens stop working. */
  public void suspend(long installationId) {
    running().admin().suspend(installationId);
  }

  public void unsuspend(long installationId) {
    running().admin().unsuspend(installationId);
  }

  /**
   * Uninstalls the app from the installation's account, as its owner can on GitHub: minting for it
   * answers 404 and its tokens 401; installing again gives a new id. (No {@code installation}
   * webhook is sent for it yet.)
   */
  public void deleteInstallation(long installationId) {
    running().admin().uninstall(installationId);
  }

  RunningEmulator running() {
    return lifecycle.running();
  }

  /**
   * Configures an emulator. Each setting may be given once; a second call is refused with a message
   * naming it, as a setting given twice is a mistake in the test, not a wish for the last value.
   * The state comes from exactly one of {@link #state(Path)}, {@link #stateYaml}, {@link
   * #stateJson} or {@link #demoState()} (or none: an empty GitHub).
   */
  public static final class Builder {

    private final SettingsBuilder settings = new SettingsBuilder();

    private Builder() {}

    /** Loads the state from a YAML or JSON file; relative key files are resolved beside it. */
    public Builder state(Path file) {
      settings.stateFile(file);
      return this;
    }

    /** Loads the state from YAML text; relative key files are resolved in the data directory. */
    public Builder stateYaml(String yaml) {
      settings.stateYaml(yaml);
      return this;
    }

    /** Loads the state from JSON text (the same format as the YAML). */
    public Builder stateJson(String json) {
      settings.stateJson(json);
      return this;
    }

    /**
     * The demo state: app 1001 ({@code Iv23liDemo}, {@code octo-app}, a generated key), org {@code
     * octo-org} with hello-world, docs and secret-plans, user {@code octocat} with spoon-knife,
     * installation 42 (selected: hello-world, docs; contents read, issues write, metadata read),
     * installation 43 (octocat, all).
     */
    public Builder demoState() {
      settings.demoState();
      return this;
    }

    /** The port on 127.0.0.1; 0 (the default) picks a free one. */
    public Builder port(int port) {
      settings.port(port);
      return this;
    }

    /**
     * GitHub Enterprise Server paths: REST under {@code /api/v3}, GraphQL at {@code /api/graphql}.
     */
    public Builder ghes(boolean ghes) {
      settings.ghes(ghes);
      return this;
    }

    /**
     * Issue the long (~520 characters, {@code ghs_<app id>_<JWT>}) token format instead of the
     * classic one.
     */
    public Builder longTokens(boolean longTokens) {
      settings.longTokens(longTokens);
      return this;
    }

    /**
     * Where Git repositories and generated keys go; kept on stop. Default: a temporary directory,
     * deleted on stop.
     */
    public Builder dataDirectory(Path directory) {
      settings.dataDirectory(directory);
      return this;
    }

    /**
     * The clock the emulator starts from (default: the system clock); {@code emu.clock()} can move
     * it later. An {@link EmulatorClock} given here is used as it is, so that a test moving it
     * moves the emulator and the client under test together.
     */
    public Builder clock(Clock clock) {
      settings.clock(clock);
      return this;
    }

    /**
     * Lets webhooks go to any host. By default they go only to 127.0.0.1, localhost or [::1],
     * whatever a state file or the admin API says, so that the emulator cannot be made to reach
     * other hosts unasked.
     */
    public Builder webhooksToAnyHost(boolean allowed) {
      settings.webhooksToAnyHost(allowed);
      return this;
    }

    /**
     * Serves HTTPS instead of HTTP, for clients that insist on it (git over https, {@code gh}
     * against a GHES-mode emulator, Octokit): a certificate for 127.0.0.1, [::1] and localhost,
     * made at start and signed by a CA made for this run, whose certificate is written into the
     * data directory. {@link GitHubEmulator#tls()} tells clients how to trust it.
     *
     * <pre>{@code
     * try (GitHubEmulator emu = GitHubEmulator.builder().demoState().tls().build().start()) {
     *     HttpClient client = HttpClient.newBuilder().sslContext(emu.tls().sslContext()).build();
     *     // emu.baseUrl() is https://127.0.0.1:PORT
     * }
     * }</pre>
     */
    public Builder tls() {
      settings.tls();
      return this;
    }

    /**
     * Adds an endpoint the emulator does not model, for what an App's tests need: MockWebServer's
     * escape hatch with GitHub's rules around it. The route is served behind the same front door as
     * GitHub's own: the credential is checked (a bad one is 401 before the handler runs), the
     * request counts against the rate limit, goes into the request log and gets GitHub's headers. A
     * path of a documented GitHub endpoint is held to GitHub's permission table (403 {@code
     * Resource not accessible by integration} with {@code X-Accepted-GitHub-Permissions}) and
     * replaces its 501; a path naming {@code {owner}/{repo}} is 404 for a private repository the
     * caller does not reach. A path the emulator models is refused at {@code start()}.
     *
     * <pre>{@code
     * GitHubEmulator.builder().demoState()
     *     .route("GET", "/repos/{owner}/{repo}/pulls", request ->
     *         RouteResponse.ok(List.of(Map.of("number", 1, "title", "Fix the build"))))
     *     .build().start();
     * // a token of installation 42 without pull_requests: 403, X-Accepted-GitHub-Permissions: pull_requests=read
     * }</pre>
     *
     * @param method {@code GET}, {@code POST}, {@code PUT}, {@code PATCH} or {@code DELETE}
     * @param path relative to the REST root (also in GHES mode), {@code {name}} placeholders for
     *     whole segments, e.g. {@code /repos/{owner}/{repo}/pulls/{pull_number}}
     * @throws IllegalArgumentException for a bad method or path
     * @throws IllegalStateException when the same method and path were added before
     */
    public Builder route(String method, String path, RouteHandler handler) {
      return route(method, path, Map.of(), handler);
    }

    /**
     * As {@link #route(String, String, RouteHandler)}, and an installation token must also hold
     * each of {@code permissions} (e.g. {@code Map.of("checks", "write")}); without them the answer
     * is GitHub's 403 naming them in {@code X-Accepted-GitHub-Permissions}. For a path GitHub's
     * table lists, its check comes first and its header is the one sent.
     */
    public Builder route(
        String method, String path, Map<String, String> permissions, RouteHandler handler) {
      settings.route(UserRoute.of(method, path, permissions, handler));
      return this;
    }

    public GitHubEmulator build() {
      return new GitHubEmulator(settings.settings(), settings.clock());
    }
  }
}
