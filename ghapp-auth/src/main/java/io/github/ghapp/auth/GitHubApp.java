package io.github.ghapp.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.ghapp.auth.internal.credentials.JwtCredentials;
import io.github.ghapp.auth.internal.credentials.RecentMints;
import io.github.ghapp.auth.internal.credentials.TokenCredentials;
import io.github.ghapp.auth.internal.http.Endpoints;
import io.github.ghapp.auth.internal.http.Json;
import io.github.ghapp.auth.internal.http.RestCaller;
import io.github.ghapp.auth.internal.http.RetrySettings;
import io.github.ghapp.auth.internal.http.Route;
import io.github.ghapp.auth.internal.jwt.AppJwts;
import io.github.ghapp.auth.internal.jwt.SkewClock;
import io.github.ghapp.auth.internal.token.InMemoryTokenStore;
import io.github.ghapp.auth.internal.token.RefreshPolicy;
import io.github.ghapp.auth.internal.token.RefreshingTokenProvider;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GitHub App: signs its JWTs, finds its installations, mints installation tokens and keeps them
 * fresh, and hands out clients authenticated as an installation. Build one per app and share it; it
 * is thread-safe and holds the token cache.
 *
 * <pre>{@code
 * GitHubApp app = GitHubApp.builder()
 *     .clientId("Iv23liABC")                          // or .appId(123456)
 *     .privateKey(Path.of("app.private-key.pem"))     // PKCS#1 or PKCS#8
 *     .build();
 * Installation inst = app.installations().forRepository("octo-org", "hello-world");
 * GitHubClient gh = app.installationClient(inst.id());
 * gh.request("POST /repos/{owner}/{repo}/issues", Map.of("owner", "octo-org", "repo", "hello-world", "title", "Hi"));
 * }</pre>
 *
 * <p>Time: JWT claims and token expiry are judged on GitHub's clock, learned from its {@code Date}
 * header whenever GitHub refuses a JWT's time claims or the local clock is noticeably off ({@link
 * #clockOffset()}).
 */
public final class GitHubApp {
  private static final Logger log = LoggerFactory.getLogger(GitHubApp.class);

  /** Providers idle this long are dropped; their tokens stay in the store for the next one. */
  private static final Duration PROVIDER_IDLE = Duration.ofHours(2);

  private static final long MAX_PROVIDERS = 10_000;

  /** A 401 within this long of minting is taken for replication lag rather than a dead token. */
  private static final Duration REPLICATION_WINDOW = Duration.ofSeconds(10);

  private final String appKey;
  private final Endpoints endpoints;
  private final SkewClock clock;
  private final AppJwts jwts;
  private final RestCaller caller;
  private final JwtCredentials jwtCredentials;
  private final GitHubClient appClient;
  private final Installations installations;
  private final RefreshPolicy refreshPolicy;
  private final TokenStore tokenStore;
  private final Executor refreshExecutor;
  private final RecentMints recentMints;
  private final Cache<TokenKey, TokenProvider> providers =
      Caffeine.newBuilder().maximumSize(MAX_PROVIDERS).expireAfterAccess(PROVIDER_IDLE).build();

  GitHubApp(
      String appKey,
      String issuerJson,
      List<JwtSigner> signers,
      Endpoints endpoints,
      String apiVersion,
      Clock clock,
      RefreshPolicy refreshPolicy,
      Executor refreshExecutor,
      TokenStore tokenStore,
      HttpTransport transport,
      RetrySettings retry) {
    this.appKey = appKey;
    this.endpoints = endpoints;
    this.clock = new SkewClock(clock);
    this.recentMints = new RecentMints(clock, REPLICATION_WINDOW);
    this.jwts = new AppJwts(issuerJson, signers, this.clock);
    this.caller = new RestCaller(transport, endpoints, apiVersion, retry, this.clock);
    this.jwtCredentials = new JwtCredentials(jwts);
    this.appClient = new GitHubClient(caller, jwtCredentials);
    this.installations = new Installations(appClient);
    this.refreshPolicy = refreshPolicy;
    this.refreshExecutor = refreshExecutor;
    this.tokenStore = tokenStore != null ? tokenStore : new InMemoryTokenStore(MAX_PROVIDERS);
  }

  /** Starts configuring an app. */
  public static GitHubAppBuilder builder() {
    return new GitHubAppBuilder();
  }

  /**
   * The app's current JWT, for calling {@code /app} routes with another client. Reused until
   * shortly before it expires (about 7 minutes), so calling this often is cheap.
   */
  public String jwt() {
    return jwts.current().jwt();
  }

  /**
   * A client authenticated as the app (JWT), for the {@code /app} routes and installation look-ups.
   */
  public GitHubClient appClient() {
    return appClient;
  }

  /** Finds the app's installations. */
  public Installations installations() {
    return installations;
  }

  /**
   * Mints a token with everything the installation has; see {@link #createToken(long,
   * TokenRequest)}.
   */
  public InstallationToken createToken(long installationId) {
    return createToken(installationId, TokenRequest.all());
  }

  /**
   * Mints a new installation token narrowed to {@code request}, always (no cache): one request to
   * GitHub. Prefer {@link #tokenProvider} for repeated use; use this for a token to hand to another
   * program.
   */
  public InstallationToken createToken(long installationId, TokenRequest request) {
    checkInstallationId(installationId);
    Objects.requireNonNull(request, "request");
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("installation_id", installationId);
    if (!request.repositories().isEmpty()) {
      params.put("repositories", request.repositories());
    }
    if (!request.repositoryIds().isEmpty()) {
      params.put("repository_ids", request.repositoryIds());
    }
    if (!request.permissions().isEmpty()) {
      params.put("permissions", request.permissions());
    }
    Route route =
        Route.expand("POST /app/installations/{installation_id}/access_tokens", params, endpoints);
    GitHubResponse response;
    try {
      response = caller.send(route, jwtCredentials);
    } catch (NotFoundException e) {
      throw new NotFoundException(
          "This app has no installation "
              + installationId
              + " ("
              + e.request()
              + " answered 404). Find the installation's id with GET /repos/{owner}/{repo}/installation or GET"
              + " /app/installations, or take it from a webhook's installation.id",
          e.details());
    }
    InstallationToken token = Json.installationToken(response.body());
    recentMints.minted(token.token());
    log.debug(
        "Minted a token for installation {} ({} repositories, permissions {}), expiring {}",
        installationId,
        token.repositories().isEmpty() ? "all" : token.repositories().size(),
        token.permissions().keySet(),
        token.expiresAt());
    return token;
  }

  /** The cached, self-refreshing token source for everything the installation has. */
  public TokenProvider tokenProvider(long installationId) {
    return tokenProvider(installationId, TokenRequest.all());
  }

  /**
   * The cached, self-refreshing token source for {@code installationId} narrowed to {@code
   * request}. The same provider is returned for the same installation and request, so calling this
   * per use is fine.
   */
  public TokenProvider tokenProvider(long installationId, TokenRequest request) {
    checkInstallationId(installationId);
    Objects.requireNonNull(request, "request");
    TokenKey key = new TokenKey(endpoints.rest().toString(), appKey, installationId, request);
    return providers.get(
        key,
        k ->
            new RefreshingTokenProvider(
                k,
                () -> createToken(installationId, request),
                this::revoke,
                tokenStore,
                refreshPolicy,
                clock,
                refreshExecutor));
  }

  /** A REST and GraphQL client authenticated as the installation, with everything it has. */
  public GitHubClient installationClient(long installationId) {
    return installationClient(installationId, TokenRequest.all());
  }

  /**
   * A REST and GraphQL client authenticated as the installation, with tokens narrowed to {@code
   * request}.
   */
  public GitHubClient installationClient(long installationId, TokenRequest request) {
    return new GitHubClient(
        caller, new TokenCredentials(tokenProvider(installationId, request), recentMints));
  }

  /**
   * Git-over-HTTPS credentials for the installation whose token stays valid at least {@code
   * minValidity} (a long clone or push needs more than the default margin).
   */
  public GitCredentials gitCredentials(long installationId, Duration minValidity) {
    return gitCredentials(installationId, TokenRequest.all(), minValidity);
  }

  /** Like {@link #gitCredentials(long, Duration)}, with the token narrowed to {@code request}. */
  public GitCredentials gitCredentials(
      long installationId, TokenRequest request, Duration minValidity) {
    return GitCredentials.of(tokenProvider(installationId, request).installationToken(minValidity));
  }

  /**
   * Revokes {@code token} at GitHub ({@code DELETE /installation/token}), for tokens from {@link
   * #createToken}; providers revoke their own with {@link TokenProvider#revoke()}, and a token
   * without its app is revoked with {@link GitHubClient#revoke(URI, String)}. A token GitHub no
   * longer accepts counts as revoked.
   */
  public void revoke(InstallationToken token) {
    if (GitHubClient.revoke(caller, token.token())) {
      log.debug("Revoked an installation token expiring {}", token.expiresAt());
    } else {
      log.debug("An installation token expiring {} was already invalid", token.expiresAt());
    }
  }

  /**
   * The REST base URL, e.g. {@code https://api.github.com} or {@code
   * https://ghe.example.com/api/v3}.
   */
  public URI baseUrl() {
    return endpoints.rest();
  }

  /** The GraphQL endpoint, e.g. {@code https://api.github.com/graphql}. */
  public URI graphqlUrl() {
    return endpoints.graphql();
  }

  /**
   * How far GitHub's clock is ahead of the configured clock (negative when behind), as learned so
   * far.
   */
  public Duration clockOffset() {
    return clock.offset();
  }

  /** GitHub's time as this app knows it: the configured clock plus {@link #clockOffset()}. */
  public Clock clock() {
    return clock;
  }

  @Override
  public String toString() {
    return "GitHubApp{app="
        + appKey
        + ", baseUrl="
        + endpoints.rest()
        + ", key="
        + jwts.describeActiveKey()
        + "}";
  }

  private static void checkInstallationId(long installationId) {
    if (installationId <= 0) {
      throw new IllegalArgumentException(
          "installationId must be positive, got "
              + installationId
              + "; GET /app/installations lists the app's installations with their ids, and every webhook"
              + " names its installation.id");
    }
  }
}
