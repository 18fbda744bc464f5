package io.github.ghapp.auth;

import io.github.ghapp.auth.internal.http.Endpoints;
import io.github.ghapp.auth.internal.http.RestCaller;
import io.github.ghapp.auth.internal.http.RetrySettings;
import io.github.ghapp.auth.internal.jwt.PemKeys;
import io.github.ghapp.auth.internal.jwt.RsaJwtSigner;
import io.github.ghapp.auth.internal.token.RefreshPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/**
 * Configures a {@link GitHubApp}. Each setter checks its value at once and may be called only once
 * (a second call fails naming the setter); {@link #build()} names every missing or conflicting
 * setting.
 *
 * <pre>{@code
 * GitHubApp app = GitHubApp.builder()
 *     .clientId("Iv23liABC")
 *     .privateKey(System.getenv("GITHUB_APP_PRIVATE_KEY"))   // PEM; newlines may be written \n
 *     .addPrivateKey(Path.of("next-key.pem"))                // during a key rotation
 *     .baseUrl("https://ghe.example.com")                     // GHES: REST /api/v3, GraphQL /api/graphql
 *     .refreshMargin(Duration.ofMinutes(20))
 *     .build();
 * }</pre>
 */
public final class GitHubAppBuilder {
  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  private static final Pattern API_VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private final Set<String> set = new HashSet<>();
  // Read by GitHubApp(GitHubAppBuilder) once build() has checked them all.
  Long appId;
  String clientId;
  final List<JwtSigner> keys = new ArrayList<>();
  JwtSigner signer;
  URI baseUrl = URI.create("https://api.github.com");
  String apiVersion = RestCaller.DEFAULT_API_VERSION;
  Clock clock = Clock.systemUTC();
  private Duration refreshMargin = RefreshPolicy.DEFAULT.refreshMargin();
  private Duration expiryMargin = RefreshPolicy.DEFAULT.expiryMargin();
  private Duration refreshJitter = RefreshPolicy.DEFAULT.jitter();
  RefreshPolicy refreshPolicy;
  Executor refreshExecutor;
  TokenStore tokenStore;
  HttpClient httpClient;
  HttpTransport transport;
  int maxAttempts = RetrySettings.DEFAULT.maxAttempts();
  Duration retryBackoff = RetrySettings.DEFAULT.baseBackoff();
  Duration deadline = RetrySettings.DEFAULT.deadline();
  GitHubAppListener listener = GitHubAppListener.NONE;

  GitHubAppBuilder() {}

  /** The app's numeric ID (its settings page, "App ID"). Give this or {@link #clientId}. */
  public GitHubAppBuilder appId(long appId) {
    once("appId");
    if (appId <= 0) {
      throw new IllegalArgumentException("appId must be positive, got " + appId);
    }
    this.appId = appId;
    return this;
  }

  /**
   * The app's client ID, e.g. {@code Iv23liABC} (its settings page); GitHub recommends it over the
   * app ID.
   */
  public GitHubAppBuilder clientId(String clientId) {
    once("clientId");
    if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
      throw new IllegalArgumentException(
          "clientId '"
              + clientId
              + "' is not a GitHub App client ID (letters,"
              + " digits, '.', '_' or '-', e.g. Iv23liABC); it is on the app's settings page");
    }
    this.clientId = clientId;
    return this;
  }

  /** The app's private key, a PEM file as GitHub downloads it (PKCS#1) or PKCS#8. */
  public GitHubAppBuilder privateKey(Path pemFile) {
    checkNotSet("privateKey");
    return firstKey(new RsaJwtSigner(PemKeys.read(Objects.requireNonNull(pemFile, "pemFile"))));
  }

  /**
   * The app's private key as PEM text; newlines may be written {@code \n} as in environment
   * variables.
   */
  public GitHubAppBuilder privateKey(String pem) {
    checkNotSet("privateKey");
    return firstKey(new RsaJwtSigner(PemKeys.parse(pem)));
  }

  /** The app's RSA private key. */
  public GitHubAppBuilder privateKey(PrivateKey key) {
    checkNotSet("privateKey");
    return firstKey(new RsaJwtSigner(Objects.requireNonNull(key, "key")));
  }

  /**
   * Marks the key set only once it has been read, so a refused key can be corrected on the same
   * builder.
   */
  private GitHubAppBuilder firstKey(JwtSigner key) {
    once("privateKey");
    keys.add(0, key);
    return this;
  }

  /**
   * One more key, for key rotation: JWTs are signed with the first key, and when GitHub cannot
   * decode one (the key was deleted from the app) the next key is tried and kept. May be called
   * repeatedly.
   */
  public GitHubAppBuilder addPrivateKey(Path pemFile) {
    keys.add(new RsaJwtSigner(PemKeys.read(Objects.requireNonNull(pemFile, "pemFile"))));
    return this;
  }

  /** One more key as PEM text; see {@link #addPrivateKey(Path)}. */
  public GitHubAppBuilder addPrivateKey(String pem) {
    keys.add(new RsaJwtSigner(PemKeys.parse(pem)));
    return this;
  }

  /** One more key; see {@link #addPrivateKey(Path)}. */
  public GitHubAppBuilder addPrivateKey(PrivateKey key) {
    keys.add(new RsaJwtSigner(Objects.requireNonNull(key, "key")));
    return this;
  }

  /** Signs JWTs with a key that stays elsewhere (a KMS, an HSM), instead of a private key. */
  public GitHubAppBuilder signer(JwtSigner signer) {
    once("signer");
    this.signer = Objects.requireNonNull(signer, "signer");
    return this;
  }

  /**
   * Which GitHub: {@code https://api.github.com} (the default), a GitHub Enterprise Server as
   * {@code https://ghe.example.com} or {@code https://ghe.example.com/api/v3}, or the emulator.
   */
  public GitHubAppBuilder baseUrl(String baseUrl) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    try {
      return baseUrl(new URI(baseUrl.strip()));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "baseUrl '" + Endpoints.redact(baseUrl) + "' is not a URL: " + e.getReason());
    }
  }

  /** See {@link #baseUrl(String)}. */
  public GitHubAppBuilder baseUrl(URI baseUrl) {
    once("baseUrl");
    Endpoints.of(Objects.requireNonNull(baseUrl, "baseUrl")); // checks it
    this.baseUrl = baseUrl;
    return this;
  }

  /** The {@code X-GitHub-Api-Version} to send; default {@code 2022-11-28}. */
  public GitHubAppBuilder apiVersion(String apiVersion) {
    once("apiVersion");
    if (apiVersion == null || !API_VERSION.matcher(apiVersion).matches()) {
      throw new IllegalArgumentException(
          "apiVersion '" + apiVersion + "' must be a date such as 2022-11-28");
    }
    this.apiVersion = apiVersion;
    return this;
  }

  /** The local clock (default UTC system clock); GitHub's offset from it is learned and added. */
  public GitHubAppBuilder clock(Clock clock) {
    once("clock");
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Refresh a cached token from this long before it expires (default 15 minutes). */
  public GitHubAppBuilder refreshMargin(Duration refreshMargin) {
    once("refreshMargin");
    this.refreshMargin = Objects.requireNonNull(refreshMargin, "refreshMargin");
    return this;
  }

  /** Never hand out a token with less than this left (default 5 minutes). */
  public GitHubAppBuilder expiryMargin(Duration expiryMargin) {
    once("expiryMargin");
    this.expiryMargin = Objects.requireNonNull(expiryMargin, "expiryMargin");
    return this;
  }

  /**
   * Start each refresh up to this much earlier, at random, so a fleet does not refresh in step
   * (default 1 minute).
   */
  public GitHubAppBuilder refreshJitter(Duration refreshJitter) {
    once("refreshJitter");
    this.refreshJitter = Objects.requireNonNull(refreshJitter, "refreshJitter");
    return this;
  }

  /**
   * Runs refreshes of tokens still valid in the background; by default the caller who notices runs
   * it.
   */
  public GitHubAppBuilder refreshExecutor(Executor refreshExecutor) {
    once("refreshExecutor");
    this.refreshExecutor = Objects.requireNonNull(refreshExecutor, "refreshExecutor");
    return this;
  }

  /**
   * Where tokens are kept; by default in this process, bounded. Share one across processes to mint
   * less.
   */
  public GitHubAppBuilder tokenStore(TokenStore tokenStore) {
    once("tokenStore");
    this.tokenStore = Objects.requireNonNull(tokenStore, "tokenStore");
    return this;
  }

  /**
   * The JDK client to send with (proxy, TLS settings); by default one with a 10-second connect
   * timeout, built on the first request so that building the app and signing JWTs cost no TLS
   * set-up. Leave its redirect policy at {@code NEVER}: ghapp follows redirects itself, only within
   * the configured GitHub, so that credentials never travel to another host.
   */
  public GitHubAppBuilder httpClient(HttpClient httpClient) {
    once("httpClient");
    this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
    return this;
  }

  /** Sends requests some other way; see {@link HttpTransport}. */
  public GitHubAppBuilder transport(HttpTransport transport) {
    once("transport");
    this.transport = Objects.requireNonNull(transport, "transport");
    return this;
  }

  /**
   * How many times a request is sent at most on lost connections and 5xx; default 4, 1 for no
   * retries.
   */
  public GitHubAppBuilder maxAttempts(int maxAttempts) {
    once("maxAttempts");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(
          "maxAttempts must be at least 1 (1 means no retries), got " + maxAttempts);
    }
    this.maxAttempts = maxAttempts;
    return this;
  }

  /** The first retry's backoff, doubled for each further one, with jitter; default 250 ms. */
  public GitHubAppBuilder retryBackoff(Duration retryBackoff) {
    once("retryBackoff");
    if (retryBackoff == null || retryBackoff.isNegative()) {
      throw new IllegalArgumentException(
          "retryBackoff must be zero or positive, got " + retryBackoff);
    }
    this.retryBackoff = retryBackoff;
    return this;
  }

  /**
   * How long one request may take in all, retries and rate-limit waits included; default 60
   * seconds. A rate limit resetting later than this fails at once with {@link
   * RateLimitedException}.
   */
  public GitHubAppBuilder deadline(Duration deadline) {
    once("deadline");
    if (deadline == null || deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("deadline must be positive, got " + deadline);
    }
    this.deadline = deadline;
    return this;
  }

  /**
   * Sees what the app's token cache and HTTP client do (tokens served, refreshes, mints, requests,
   * retries, rate limits), for metrics and tracing; see {@link GitHubAppListener}. By default
   * nothing listens, at no cost. A listener that throws is logged and ignored.
   */
  public GitHubAppBuilder listener(GitHubAppListener listener) {
    once("listener");
    this.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /** Builds the app, or fails naming every missing or conflicting setting. */
  public GitHubApp build() {
    List<String> problems = new ArrayList<>();
    if (appId == null && clientId == null) {
      problems.add(
          "appId or clientId is required (both are on the app's settings page; the client ID is"
              + " recommended)");
    }
    if (appId != null && clientId != null) {
      problems.add("appId and clientId are both set; give one of them");
    }
    if (keys.isEmpty() && signer == null) {
      problems.add(
          "a private key is required: privateKey(Path | String | PrivateKey), or signer(JwtSigner)"
              + " for a key kept in a KMS or HSM");
    }
    if (!keys.isEmpty() && signer != null) {
      problems.add("signer and privateKey are both set; give one of them");
    }
    if (httpClient != null && transport != null) {
      problems.add("httpClient and transport are both set; give one of them");
    }
    try {
      refreshPolicy = new RefreshPolicy(refreshMargin, expiryMargin, refreshJitter);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "GitHubApp.builder() cannot build: " + String.join("; ", problems));
    }
    return new GitHubApp(this);
  }

  private void once(String name) {
    checkNotSet(name);
    set.add(name);
  }

  private void checkNotSet(String name) {
    if (set.contains(name)) {
      throw new IllegalStateException(
          name
              + " was already set; set it once"
              + (name.equals("privateKey")
                  ? " (for several keys during a rotation, use addPrivateKey)"
                  : ""));
    }
  }
}
