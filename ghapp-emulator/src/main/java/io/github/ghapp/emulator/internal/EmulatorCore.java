package io.github.ghapp.emulator.internal;

import io.github.ghapp.emulator.EmulatorClock;
import io.github.ghapp.emulator.internal.auth.CredentialResolver;
import io.github.ghapp.emulator.internal.auth.JwtVerifier;
import io.github.ghapp.emulator.internal.auth.LongTokenSigner;
import io.github.ghapp.emulator.internal.auth.RepositoryAccess;
import io.github.ghapp.emulator.internal.auth.TokenRegistry;
import io.github.ghapp.emulator.internal.http.RateLimiter;
import io.github.ghapp.emulator.internal.http.RequestLog;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import io.github.ghapp.emulator.internal.state.GitRepositories;
import io.github.ghapp.emulator.internal.state.Issues;
import io.github.ghapp.emulator.internal.webhooks.WebhookDispatcher;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * The emulator's parts, wired once and handed to every route: state, time, faults, tokens,
 * credential and permission checks, rate limits and the request log. New surfaces (GraphQL, Git,
 * webhooks) take what they need from here rather than building their own.
 */
public final class EmulatorCore {

  private final EmulatorState state;
  private final EmulatorClock clock;
  private final FaultState faults = new FaultState();
  private final TokenRegistry tokens;
  private final CredentialResolver credentials;
  private final RepositoryAccess repositoryAccess;
  private final RateLimiter rateLimits;
  private final RequestLog requestLog = new RequestLog();
  private final Issues issues = new Issues();
  private final WebhookDispatcher webhooks;
  private final boolean ghes;
  private volatile Urls urls;

  public EmulatorCore(EmulatorClock clock, Path gitRoot, boolean ghes, boolean longTokens) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ghes = ghes;
    this.state = new EmulatorState(new GitRepositories(gitRoot), this::now);
    this.tokens = new TokenRegistry(longTokens ? new LongTokenSigner() : null);
    this.credentials =
        new CredentialResolver(state, new JwtVerifier(state), tokens, faults::replicationLag);
    this.repositoryAccess = new RepositoryAccess(state);
    this.rateLimits = new RateLimiter(state, faults);
    // Last: it subscribes to the state and the issues, so everything it reads must be set.
    this.webhooks = new WebhookDispatcher(this);
  }

  /**
   * The emulator's now: its clock plus the injected clock offset. Every time decision uses this.
   */
  public Instant now() {
    return clock.instant().plus(faults.clockOffset());
  }

  public EmulatorState state() {
    return state;
  }

  public EmulatorClock clock() {
    return clock;
  }

  public FaultState faults() {
    return faults;
  }

  public TokenRegistry tokens() {
    return tokens;
  }

  public CredentialResolver credentials() {
    return credentials;
  }

  public RepositoryAccess repositoryAccess() {
    return repositoryAccess;
  }

  public RateLimiter rateLimits() {
    return rateLimits;
  }

  public RequestLog requestLog() {
    return requestLog;
  }

  /** Issues and comments, which callers create over REST; REST, GraphQL and webhooks share them. */
  public Issues issues() {
    return issues;
  }

  /** Webhook delivery and its log; delivers only once started, after the state file is loaded. */
  public WebhookDispatcher webhooks() {
    return webhooks;
  }

  public boolean ghes() {
    return ghes;
  }

  /** The addresses; only valid once the server has bound its port. */
  public Urls urls() {
    Urls current = urls;
    if (current == null) {
      throw new IllegalStateException("the emulator is not started yet");
    }
    return current;
  }

  public void bind(Urls urls) {
    this.urls = urls;
  }
}
