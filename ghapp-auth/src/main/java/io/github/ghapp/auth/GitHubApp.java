package io.github.ghapp.auth;

import io.github.ghapp.auth.internal.credentials.JwtCredentials;
import io.github.ghapp.auth.internal.credentials.RecentMints;
import io.github.ghapp.auth.internal.credentials.TokenCredentials;
import io.github.ghapp.auth.internal.http.Credentials;
import io.github.ghapp.auth.internal.http.Endpoints;
import io.github.ghapp.auth.internal.http.LazyTransport;
import io.github.ghapp.auth.internal.http.RestCaller;
import io.github.ghapp.auth.internal.http.RetrySettings;
import io.github.ghapp.auth.internal.jwt.AppJwts;
import io.github.ghapp.auth.internal.token.RecentProviders;
import io.github.ghapp.auth.internal.token.RestTokenMinter;
import io.github.ghapp.auth.internal.token.TokenCache;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
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
public final class GitHubApp implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GitHubApp.class);

  private final String appKey;
  private final Endpoints endpoints;
  private final AppJwts jwts;
  private final RestCaller caller;
  private final RecentMints recentMints;
  private final GitHubClient appClient;
  private final Installations installations;
  private final RestTokenMinter minter;
  private final TokenCache tokens;
  private final RecentProviders recentProviders;
  private final LazyTransport defaultTransport; // null when the builder was given a client

  /** Wires the parts from settings {@link GitHubAppBuilder#build()} has checked. */
  GitHubApp(GitHubAppBuilder b) {
    GitHubAppListener listener = GuardedListener.of(b.listener);
    this.appKey = b.clientId != null ? b.clientId : Long.toString(b.appId);
    this.endpoints = Endpoints.of(b.baseUrl);
    // The iss claim as JSON: a client ID is a string, an app ID an integer; the client ID pattern
    // needs no escaping.
    String issuerJson = b.clientId != null ? "\"" + b.clientId + "\"" : Long.toString(b.appId);
    this.jwts = new AppJwts(issuerJson, b.signer != null ? List.of(b.signer) : b.keys, b.clock);
    this.defaultTransport =
        b.transport == null && b.httpClient == null ? LazyTransport.withDefaultClient() : null;
    this.caller =
        RestCaller.builder(endpoints)
            .transport(transport(b, defaultTransport))
            .apiVersion(b.apiVersion)
            .retry(
                new RetrySettings(
                    b.maxAttempts, b.retryBackoff, RetrySettings.DEFAULT.maxBackoff(), b.deadline))
            .serverClock(jwts.clock())
            .listener(listener)
            .build();
    Credentials appJwt = new JwtCredentials(jwts);
    this.appClient = new GitHubClient(caller, appJwt);
    this.installations = new Installations(appClient);
    this.recentMints = new RecentMints(b.clock);
    this.minter = new RestTokenMinter(caller, appJwt, recentMints, listener);
    this.tokens =
        TokenCache.builder()
            .minter(minter)
            .revoker(this::revoke)
            .store(b.tokenStore)
            .policy(b.refreshPolicy)
            .clock(jwts.clock())
            .refreshExecutor(b.refreshExecutor)
            .listener(listener)
            .build();
    String restRoot = endpoints.rest().toString();
    this.recentProviders =
        new RecentProviders(
            id -> tokens.provider(new TokenKey(restRoot, appKey, id, TokenRequest.all())));
  }

  /**
   * The default client is one per JVM, shared by every open app, and built on the first request:
   * building one costs TLS set-up (4-7 ms and a selector thread) that creating an app, or signing
   * its JWT, does not need, and a JDK HttpClient is thread-safe and holds nothing of an app's.
   */
  private static HttpTransport transport(GitHubAppBuilder b, LazyTransport defaultTransport) {
    if (b.transport != null) {
      return b.transport;
    }
    return b.httpClient != null ? HttpTransport.of(b.httpClient) : defaultTransport;
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
    return minter.mint(installationId, Objects.requireNonNull(request, "request"));
  }

  /** The cached, self-refreshing token source for everything the installation has. */
  public TokenProvider tokenProvider(long installationId) {
    checkInstallationId(installationId);
    return recentProviders.get(installationId);
  }

  /**
   * The cached, self-refreshing token source for {@code installationId} narrowed to {@code
   * request}. The same provider is returned for the same installation and request, so calling this
   * per use is fine.
   */
  public TokenProvider tokenProvider(long installationId, TokenRequest request) {
    checkInstallationId(installationId);
    Objects.requireNonNull(request, "request");
    if (request == TokenRequest.all()) {
      return recentProviders.get(installationId);
    }
    return tokens.provider(
        new TokenKey(endpoints.rest().toString(), appKey, installationId, request));
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
        caller,
        new TokenCredentials(tokenProvider(installationId, request), installationId, recentMints));
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
    return jwts.offset();
  }

  /** GitHub's time as this app knows it: the configured clock plus {@link #clockOffset()}. */
  public Clock clock() {
    return jwts.clock();
  }

  /**
   * Lets go of the HTTP client ghapp started for this app: the default client, shared by the open
   * apps of the JVM, is closed once none of them holds it. Close an app when a short-lived program
   * (a command-line tool, a function) is done with it: on Java 21 and newer this stops the client's
   * selector thread, and a JVM that exits while that thread waits in native code waits about 300 ms
   * for it. Java 17 cannot close a JDK client; there this only drops ghapp's reference.
   *
   * <pre>{@code
   * try (GitHubApp app = GitHubApp.builder().clientId("Iv23liABC").privateKey(pem).build()) {
   *   runJob(app.tokenProvider(installationId).token()); // the one thing this program does
   * }
   * }</pre>
   *
   * <p>Requests in flight finish first. The app stays usable: a request after this starts a client
   * again. Tokens already cached stay cached. A client or transport given to the builder is the
   * caller's own and is not closed. A long-lived service need not call this; Spring closes a {@code
   * GitHubApp} bean with its context.
   */
  @Override
  public void close() {
    if (defaultTransport != null) {
      defaultTransport.close();
    }
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
