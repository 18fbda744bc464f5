package io.github.ghapp.emulator.internal;

import io.github.ghapp.emulator.EmulatorClock;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.internal.auth.CredentialResolver;
import io.github.ghapp.emulator.internal.auth.JwtVerifier;
import io.github.ghapp.emulator.internal.auth.LongTokenSigner;
import io.github.ghapp.emulator.internal.auth.RepositoryAccess;
import io.github.ghapp.emulator.internal.auth.TokenRegistry;
import io.github.ghapp.emulator.internal.git.GitSurface;
import io.github.ghapp.emulator.internal.graphql.GraphqlSurface;
import io.github.ghapp.emulator.internal.http.EmulatorServer;
import io.github.ghapp.emulator.internal.http.FrontDoor;
import io.github.ghapp.emulator.internal.http.RateLimiter;
import io.github.ghapp.emulator.internal.http.RequestLog;
import io.github.ghapp.emulator.internal.permissions.DocumentedEndpoints;
import io.github.ghapp.emulator.internal.permissions.PermissionGate;
import io.github.ghapp.emulator.internal.permissions.PermissionRoutes;
import io.github.ghapp.emulator.internal.permissions.PermissionUsage;
import io.github.ghapp.emulator.internal.rest.RestApi;
import io.github.ghapp.emulator.internal.routes.UserRouteTable;
import io.github.ghapp.emulator.internal.state.CheckSuitesOnPush;
import io.github.ghapp.emulator.internal.state.Checks;
import io.github.ghapp.emulator.internal.state.CommitStatuses;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import io.github.ghapp.emulator.internal.state.GitRepositories;
import io.github.ghapp.emulator.internal.state.Issues;
import io.github.ghapp.emulator.internal.tls.TlsMaterial;
import io.github.ghapp.emulator.internal.webhooks.CheckWebhooks;
import io.github.ghapp.emulator.internal.webhooks.StatusWebhooks;
import io.github.ghapp.emulator.internal.webhooks.WebhookDispatcher;
import io.github.ghapp.emulator.internal.webhooks.WebhookRoutes;
import io.github.ghapp.permissions.data.PermissionTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One started emulator. {@link #start} builds its parts once, in the order they depend on each
 * other, each given only what it reads: time and faults; the state, loaded; the port, bound, which
 * fixes the addresses; tokens, credentials, access, rate limits, the request log, issues; webhook
 * delivery, subscribed to the state and the issues once built; the route table; the surfaces and
 * the {@link FrontDoor} in front of them. No part is handed a half-built whole.
 */
public final class RunningEmulator {

  // Logged under GitHubEmulator, the class users configure logging for.
  private static final Logger log = LoggerFactory.getLogger(GitHubEmulator.class);

  private final Urls urls;
  private final DataDirectory dataDirectory;
  private final EmulatorState state;
  private final EmulatorTime time;
  private final FaultState faults;
  private final RequestLog requestLog;
  private final Administration admin;
  private final WebhookDispatcher webhooks;
  private final EmulatorServer server;
  private final String adminToken;
  private final PermissionUsage permissionUsage;
  private final TokenRegistry tokens;
  private final TlsMaterial tls;

  private RunningEmulator(
      Urls urls,
      DataDirectory dataDirectory,
      EmulatorState state,
      EmulatorTime time,
      FaultState faults,
      RequestLog requestLog,
      Administration admin,
      WebhookDispatcher webhooks,
      EmulatorServer server,
      String adminToken,
      PermissionUsage permissionUsage,
      TokenRegistry tokens,
      TlsMaterial tls) {
    this.urls = urls;
    this.dataDirectory = dataDirectory;
    this.state = state;
    this.time = time;
    this.faults = faults;
    this.requestLog = requestLog;
    this.admin = admin;
    this.webhooks = webhooks;
    this.server = server;
    this.adminToken = adminToken;
    this.permissionUsage = permissionUsage;
    this.tokens = tokens;
    this.tls = tls;
  }

  /**
   * Creates the data directory, loads the state (generating missing keys, creating the Git
   * repositories), binds the port and starts serving. On failure everything started is stopped
   * again and a temporary data directory deleted.
   *
   * @throws IllegalArgumentException when the state is invalid; the message names the problem
   */
  public static RunningEmulator start(EmulatorSettings settings, EmulatorClock clock) {
    DataDirectory data = null;
    EmulatorServer server = null;
    WebhookDispatcher webhooks = null;
    try {
      data = DataDirectory.create(settings.dataDirectory());
      Path dataDirectory = data.path();
      FaultState faults = new FaultState();
      EmulatorTime time = new EmulatorTime(clock, faults);
      EmulatorState state =
          new EmulatorState(new GitRepositories(dataDirectory.resolve("git")), time::now);
      settings.state().load(state, dataDirectory, time::now);

      TlsMaterial tls = settings.tls() ? TlsMaterial.generate(dataDirectory.resolve("tls")) : null;
      server = new EmulatorServer(settings.port(), tls == null ? null : tls.sslContextFactory());
      Urls urls = Urls.of(bind(server, settings.port()), settings.ghes(), tls != null);
      TokenRegistry tokens =
          new TokenRegistry(settings.longTokens() ? new LongTokenSigner() : null);
      CredentialResolver credentials =
          new CredentialResolver(state, new JwtVerifier(state), tokens, faults::replicationLag);
      RepositoryAccess repositoryAccess = new RepositoryAccess(state);
      RateLimiter rateLimits = new RateLimiter(state, faults);
      RequestLog requestLog = new RequestLog();
      PermissionUsage permissionUsage = new PermissionUsage();
      Issues issues = new Issues();
      Administration admin = new Administration(state, time::now);
      webhooks = new WebhookDispatcher(state, urls, time::now, settings.webhooksToAnyHost());
      String adminToken = AdminToken.generate();
      state.addListener(webhooks);
      issues.addListener(webhooks);
      state.onRefUpdate(webhooks);
      state.onRefUpdate(issues.pullRequests()::refUpdated);
      Checks checks = new Checks();
      checks.addListener(new CheckWebhooks(webhooks, state, urls, checks, issues.pullRequests()));
      // Ref listeners run in this order: pull requests take a pushed head first, so that the
      // check_suite requested for it lists them (pull_requests matches on the head commit).
      state.onRefUpdate(new CheckSuitesOnPush(state, checks));
      CommitStatuses statuses = new CommitStatuses();
      statuses.addListener(new StatusWebhooks(webhooks, state, urls));

      RestApi routes =
          new RestApi(urls, state)
              .addGitHubRoutes(issues, tokens, repositoryAccess, rateLimits, admin, faults)
              .addCheckRoutes(checks, statuses, issues, repositoryAccess)
              .addAdminRoutes(admin, time, faults, requestLog);
      WebhookRoutes.register(routes.router(), webhooks);
      PermissionRoutes.register(routes.router(), permissionUsage);
      String table =
          settings.ghes() ? PermissionTables.GHES_3_19 : PermissionTables.GITHUB_COM_2022_11_28;
      UserRouteTable.install(
          routes.router(), settings.routes(), table, repositoryAccess, permissionUsage);
      DocumentedEndpoints.register(routes.router(), table, repositoryAccess);
      PermissionGate gate = new PermissionGate(table, state, repositoryAccess, permissionUsage);
      FrontDoor door =
          new FrontDoor(
              time,
              faults,
              credentials,
              rateLimits,
              requestLog,
              urls,
              routes.router(),
              gate,
              adminToken,
              List.of(
                  new GitSurface(state, repositoryAccess),
                  new GraphqlSurface(
                      urls, state, repositoryAccess, issues, checks, statuses, rateLimits)));
      server.start(door);
      webhooks.start();
      return new RunningEmulator(
          urls,
          data,
          state,
          time,
          faults,
          requestLog,
          admin,
          webhooks,
          server,
          adminToken,
          permissionUsage,
          tokens,
          tls);
    } catch (IOException e) {
      cleanUp(webhooks, server, data);
      throw new UncheckedIOException("cannot start the emulator: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      cleanUp(webhooks, server, data);
      throw e;
    } catch (Exception e) {
      cleanUp(webhooks, server, data);
      throw new IllegalStateException(
          "cannot start the emulator's HTTP server on port "
              + settings.port()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** Binds the port, or says why not in terms of the builder's options. */
  private static int bind(EmulatorServer server, int port) throws Exception {
    try {
      return server.bind();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start the emulator: port "
              + port
              + " of 127.0.0.1 is taken ("
              + e.getMessage()
              + "); stop what listens there, or choose another port (0 for any free one)",
          e);
    }
  }

  /** Stops delivering and serving and, if the data directory was a temporary one, deletes it. */
  public void stop() {
    webhooks.stop();
    try {
      server.stop();
    } catch (Exception e) {
      log.warn("the emulator's HTTP server did not stop cleanly", e);
    }
    dataDirectory.release();
  }

  private static void cleanUp(
      WebhookDispatcher webhooks, EmulatorServer server, DataDirectory data) {
    if (webhooks != null) {
      webhooks.stop();
    }
    if (server != null) {
      try {
        server.stop();
      } catch (Exception e) {
        log.debug("stopping a half-started server failed", e);
      }
    }
    if (data != null) {
      data.release();
    }
  }

  public Urls urls() {
    return urls;
  }

  public Path dataDirectory() {
    return dataDirectory.path();
  }

  public EmulatorState state() {
    return state;
  }

  /** The emulator's now: its clock plus the injected offset. */
  public EmulatorTime time() {
    return time;
  }

  public EmulatorClock clock() {
    return time.clock();
  }

  public FaultState faults() {
    return faults;
  }

  public RequestLog requestLog() {
    return requestLog;
  }

  /** The token the admin API asks for, new every run. */
  public String adminToken() {
    return adminToken;
  }

  /** Every installation token handed out and not revoked, by its hash. */
  public TokenRegistry tokens() {
    return tokens;
  }

  /** State changes, shared with the admin API. */
  public Administration admin() {
    return admin;
  }

  /** What each installation and token used, as the permission gate saw it. */
  public PermissionUsage permissionUsage() {
    return permissionUsage;
  }

  /** The per-run CA and certificate; null when serving plain HTTP. */
  public TlsMaterial tls() {
    return tls;
  }

  /** Webhook delivery and its log. */
  public WebhookDispatcher webhooks() {
    return webhooks;
  }
}
