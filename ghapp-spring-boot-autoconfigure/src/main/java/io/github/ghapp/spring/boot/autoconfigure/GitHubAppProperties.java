package io.github.ghapp.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.Delimiter;

/**
 * The {@code ghapp.*} properties: which GitHub App this service is, and how it receives webhooks.
 * Four are enough:
 *
 * <pre>
 * ghapp.client-id=Iv23liABC
 * ghapp.private-key=file:/run/secrets/app.private-key.pem
 * ghapp.webhooks.secret=${WEBHOOK_SECRET}
 * ghapp.webhooks.path=/api/github/webhooks
 * </pre>
 *
 * <p>Unset settings keep ghapp's defaults. Nothing here is printed: {@link #toString()} names no
 * key or secret.
 */
@ConfigurationProperties("ghapp")
public class GitHubAppProperties {

  /** The app's numeric ID (its settings page, "App ID"). Give this or client-id. */
  private Long appId;

  /**
   * The app's client ID, e.g. Iv23liABC (its settings page); GitHub recommends it over the app ID.
   */
  private String clientId;

  /**
   * The app's private key: PEM text (newlines may be written \n), the base64 of a PEM file, or a
   * resource location such as file:/run/secrets/app.pem or classpath:app.pem.
   */
  private String privateKey;

  /**
   * More private keys in the same forms, during a key rotation: JWTs are signed with private-key,
   * and when GitHub no longer knows it the next one is tried and kept.
   */
  @Delimiter(Delimiter.NONE)
  private List<String> additionalPrivateKeys = new ArrayList<>();

  /**
   * Which GitHub: https://api.github.com (the default), a GitHub Enterprise Server as
   * https://ghe.example.com, or the emulator.
   */
  private String baseUrl;

  /** The X-GitHub-Api-Version to send; ghapp's default is 2022-11-28. */
  private String apiVersion;

  private final Token token = new Token();
  private final Http http = new Http();
  private final Webhooks webhooks = new Webhooks();
  private final Health health = new Health();
  private final Metrics metrics = new Metrics();

  public Long getAppId() {
    return appId;
  }

  public void setAppId(Long appId) {
    this.appId = appId;
  }

  public String getClientId() {
    return clientId;
  }

  public void setClientId(String clientId) {
    this.clientId = clientId;
  }

  public String getPrivateKey() {
    return privateKey;
  }

  public void setPrivateKey(String privateKey) {
    this.privateKey = privateKey;
  }

  public List<String> getAdditionalPrivateKeys() {
    return additionalPrivateKeys;
  }

  public void setAdditionalPrivateKeys(List<String> additionalPrivateKeys) {
    this.additionalPrivateKeys = additionalPrivateKeys;
  }

  public String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public String getApiVersion() {
    return apiVersion;
  }

  public void setApiVersion(String apiVersion) {
    this.apiVersion = apiVersion;
  }

  public Token getToken() {
    return token;
  }

  public Http getHttp() {
    return http;
  }

  public Webhooks getWebhooks() {
    return webhooks;
  }

  public Health getHealth() {
    return health;
  }

  public Metrics getMetrics() {
    return metrics;
  }

  /** Names the app; the key is left out. */
  @Override
  public String toString() {
    return "GitHubAppProperties{appId="
        + appId
        + ", clientId="
        + clientId
        + ", baseUrl="
        + baseUrl
        + ", privateKey="
        + (privateKey == null ? "unset" : "set")
        + "}";
  }

  /** How long before expiry installation tokens are refreshed; see GitHubAppBuilder. */
  public static class Token {
    /** Refresh a cached token from this long before it expires (ghapp's default 15m). */
    private Duration refreshMargin;

    /** Never hand out a token with less than this left (ghapp's default 5m). */
    private Duration expiryMargin;

    /** Start each refresh up to this much earlier, at random (ghapp's default 1m). */
    private Duration refreshJitter;

    public Duration getRefreshMargin() {
      return refreshMargin;
    }

    public void setRefreshMargin(Duration refreshMargin) {
      this.refreshMargin = refreshMargin;
    }

    public Duration getExpiryMargin() {
      return expiryMargin;
    }

    public void setExpiryMargin(Duration expiryMargin) {
      this.expiryMargin = expiryMargin;
    }

    public Duration getRefreshJitter() {
      return refreshJitter;
    }

    public void setRefreshJitter(Duration refreshJitter) {
      this.refreshJitter = refreshJitter;
    }
  }

  /** Retries and deadlines of requests to GitHub; see GitHubAppBuilder. */
  public static class Http {
    /** How many times a request is sent at most on lost connections and 5xx (default 4). */
    private Integer maxAttempts;

    /** The first retry's backoff, doubled for each further one (default 250ms). */
    private Duration retryBackoff;

    /** How long one request may take in all, retries and rate-limit waits included (60s). */
    private Duration deadline;

    public Integer getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(Integer maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    public Duration getRetryBackoff() {
      return retryBackoff;
    }

    public void setRetryBackoff(Duration retryBackoff) {
      this.retryBackoff = retryBackoff;
    }

    public Duration getDeadline() {
      return deadline;
    }

    public void setDeadline(Duration deadline) {
      this.deadline = deadline;
    }
  }

  /** The webhook receiver; it is configured once a secret is given. */
  public static class Webhooks {
    /**
     * The App's webhook secret. Give several (a YAML list, or secret[0], secret[1]) while rotating:
     * deliveries signed with any of them are accepted. A single value is never split at commas.
     */
    @Delimiter(Delimiter.NONE)
    private List<String> secret = new ArrayList<>();

    /** Where GitHub POSTs deliveries, on the application's own server. */
    private String path = "/api/github/webhooks";

    /** Threads running handlers (default 8). */
    private Integer threads;

    /** Deliveries waiting for a handler thread before further ones are answered 503 (1000). */
    private Integer queueCapacity;

    /** How long a handler's CompletionStage may stay incomplete (default 10m; 0 for never). */
    private Duration asyncTimeout;

    public List<String> getSecret() {
      return secret;
    }

    public void setSecret(List<String> secret) {
      this.secret = secret;
    }

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }

    public Integer getThreads() {
      return threads;
    }

    public void setThreads(Integer threads) {
      this.threads = threads;
    }

    public Integer getQueueCapacity() {
      return queueCapacity;
    }

    public void setQueueCapacity(Integer queueCapacity) {
      this.queueCapacity = queueCapacity;
    }

    public Duration getAsyncTimeout() {
      return asyncTimeout;
    }

    public void setAsyncTimeout(Duration asyncTimeout) {
      this.asyncTimeout = asyncTimeout;
    }

    @Override
    public String toString() {
      return "Webhooks{path=" + path + ", secrets=" + secret.size() + "}";
    }
  }

  /** The actuator's health indicator "ghapp". */
  public static class Health {
    /** How long a check of the app's JWT (GET /app) is reused before GitHub is asked again. */
    private Duration interval = Duration.ofMinutes(5);

    public Duration getInterval() {
      return interval;
    }

    public void setInterval(Duration interval) {
      this.interval = interval;
    }
  }

  /** ghapp-micrometer's meters, bound when Micrometer is present. */
  public static class Metrics {
    /**
     * Tag token and rate-limit meters with installation ids (at most 1000, then "other"): for Apps
     * with few installations.
     */
    private boolean installationTags;

    public boolean isInstallationTags() {
      return installationTags;
    }

    public void setInstallationTags(boolean installationTags) {
      this.installationTags = installationTags;
    }
  }
}
