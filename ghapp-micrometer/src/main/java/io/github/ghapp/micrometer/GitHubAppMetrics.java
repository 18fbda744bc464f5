package io.github.ghapp.micrometer;

import io.github.ghapp.auth.GitHubAppListener;
import io.github.ghapp.auth.TokenKey;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer meters on a {@link io.github.ghapp.auth.GitHubApp}: how tokens are served, refreshes
 * and mints, how long the cached tokens stay valid, requests to GitHub by route and status,
 * retries, rate limits, and the shared token store's outages. The module's README lists every meter
 * with its tags.
 *
 * <pre>{@code
 * GitHubAppMetrics metrics = new GitHubAppMetrics();
 * metrics.bindTo(registry);
 * GitHubApp app = GitHubApp.builder().clientId("Iv23liABC").privateKey(key)
 *     .listener(metrics)
 *     .build();
 * }</pre>
 *
 * <p>Until {@link #bindTo} it records nothing, at the cost of one field read per event. It
 * publishes to the registry it was last bound to; binding again to the same registry changes
 * nothing. To publish to several registries, bind it once to a {@code CompositeMeterRegistry}.
 * Several apps may share one instance; their meters then add up.
 *
 * <p>Serving a cached token costs one counter increment: the counters are looked up when bound, not
 * per call. Token validity and rate-limit resets are judged on the registry's clock.
 *
 * <p>Installation ids are tags only when asked for with {@link #withInstallationTags()}: an App
 * with thousands of installations would otherwise make thousands of series of each meter. To use it
 * beside a listener of your own, combine them with {@link GitHubAppListener#all}.
 */
public final class GitHubAppMetrics implements GitHubAppListener, MeterBinder {
  /** Distinct installation ids that become tag values; later ones are {@code other}. */
  static final int MAX_INSTALLATIONS = 1000;

  /** Distinct exception names that become tag values; later ones are {@code other}. */
  static final int MAX_ERRORS = 50;

  private static final String MINT_ROUTE = "/app/installations/{installation_id}/access_tokens";

  private final boolean installationTags;
  private final TagValues installations = new TagValues(MAX_INSTALLATIONS);
  private final TagValues errors = new TagValues(MAX_ERRORS);
  private final Routes routes = new Routes();
  private final TokenValidity validity = new TokenValidity();
  private final RateLimits rateLimits;
  private final Set<String> unavailableStores = ConcurrentHashMap.newKeySet();
  private volatile Bound bound;

  /** Meters without installation ids as tags. */
  public GitHubAppMetrics() {
    this(false);
  }

  private GitHubAppMetrics(boolean installationTags) {
    this.installationTags = installationTags;
    this.rateLimits = new RateLimits(installationTags, installations);
  }

  /**
   * Meters that also tell installations apart, with an {@code installation} tag on those about one
   * installation: tokens served, refreshes, validity left, rate limits (the README says which). For
   * Apps with few installations: each installation makes series of its own, up to {@value
   * #MAX_INSTALLATIONS} installations (later ones are tagged {@code other}). Serving a cached token
   * then also costs a map look-up.
   */
  public static GitHubAppMetrics withInstallationTags() {
    return new GitHubAppMetrics(true);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Bound b = new Bound(registry);
    rateLimits.bindTo(registry);
    bound = b;
  }

  @Override
  public void tokenServed(TokenKey key, TokenServing how) {
    Bound b = bound;
    if (b != null) {
      (installationTags ? b.servedTo(key.installationId()) : b.served)[how.ordinal()].increment();
    }
  }

  @Override
  public void refreshSucceeded(TokenKey key, Duration took, Instant expiresAt, boolean minted) {
    Bound b = bound;
    if (b != null) {
      validity.refreshed(key, expiresAt.toEpochMilli(), b.clock.wallTime());
      if (installationTags) {
        b.validityGauge(key.installationId());
      }
      b.refresh(key, minted ? "minted" : "from_store", "none").record(took);
    }
  }

  @Override
  public void refreshFailed(TokenKey key, Duration took, RuntimeException error) {
    Bound b = bound;
    if (b != null) {
      b.refresh(key, "failed", errorName(error)).record(took);
    }
  }

  @Override
  public void tokenMinted(long installationId, Duration took, Instant expiresAt) {
    Bound b = bound;
    if (b != null) {
      b.mints.record(took);
    }
  }

  @Override
  public void requestCompleted(String method, String route, int status, Duration took) {
    Bound b = bound;
    if (b == null) {
      return;
    }
    String template = routes.route(method, route);
    String statusClass = Routes.statusClass(status);
    b.registry
        .timer(
            "ghapp.github.requests",
            "method",
            Routes.method(method),
            "route",
            template,
            "status",
            statusClass)
        .record(took);
    // A mint that succeeded is timed by tokenMinted; one that failed is heard of only here.
    if ((status < 200 || status >= 300) && "POST".equals(method) && MINT_ROUTE.equals(template)) {
      b.failedMints.record(took);
    }
  }

  @Override
  public void requestRetried(
      String method, String route, RetryCause cause, int attempt, Duration wait) {
    Bound b = bound;
    if (b != null) {
      b.registry
          .counter(
              "ghapp.github.retries",
              "method",
              Routes.method(method),
              "route",
              routes.route(method, route),
              "cause",
              lower(cause))
          .increment();
    }
  }

  @Override
  public void rateLimitReported(RateLimit rateLimit) {
    if (bound != null) {
      rateLimits.reported(rateLimit);
    }
  }

  @Override
  public void mintUncoordinated(TokenKey key, UncoordinatedMint why) {
    Bound b = bound;
    if (b != null) {
      b.registry
          .counter("ghapp.token.mints.uncoordinated", b.installation(key, "reason", lower(why)))
          .increment();
    }
  }

  @Override
  public void tokenStoreUnavailable(String store, String problem) {
    if (bound != null) {
      unavailableStores.add(String.valueOf(store));
    }
  }

  @Override
  public void tokenStoreRecovered(String store, Duration outage) {
    unavailableStores.remove(String.valueOf(store));
    Bound b = bound;
    if (b != null) {
      b.storeOutages.record(outage);
    }
  }

  @Override
  public String toString() {
    return "GitHubAppMetrics{installationTags=" + installationTags + "}";
  }

  private String errorName(Throwable error) {
    String name = error.getClass().getSimpleName();
    return errors.admit(name.isEmpty() ? error.getClass().getName() : name);
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /** The meters of one registry, those that need no event's value resolved up front. */
  private final class Bound {
    final MeterRegistry registry;
    final Clock clock;
    final Counter[] served;
    final Map<Long, Counter[]> servedByInstallation = new ConcurrentHashMap<>();
    final Set<Long> validityGauges = ConcurrentHashMap.newKeySet();
    final Timer mints;
    final Timer failedMints;
    final Timer storeOutages;

    Bound(MeterRegistry registry) {
      this.registry = registry;
      this.clock = registry.config().clock();
      this.served = installationTags ? null : servedCounters(null);
      this.mints = mintTimer("success");
      this.failedMints = mintTimer("failure");
      this.storeOutages =
          Timer.builder("ghapp.token.store.outages")
              .description("Outages of the shared token store, timed when it answers again")
              .register(registry);
      Gauge.builder("ghapp.token.store.unavailable", unavailableStores, Set::size)
          .description("Shared token stores not answering now (tokens are then minted here)")
          .register(registry);
      Gauge.builder("ghapp.token.cached", validity, v -> v.count(clock.wallTime()))
          .description("Installation tokens refreshed here that have not expired")
          .baseUnit("tokens")
          .register(registry);
      if (!installationTags) {
        validityGauge(null);
      }
    }

    private Timer mintTimer(String outcome) {
      return Timer.builder("ghapp.token.mints")
          .description("Installation tokens minted by GitHub (POST .../access_tokens)")
          .tag("outcome", outcome)
          .register(registry);
    }

    private Counter[] servedCounters(String installation) {
      Counter[] counters = new Counter[TokenServing.values().length];
      for (TokenServing how : TokenServing.values()) {
        Counter.Builder builder =
            Counter.builder("ghapp.token.requests")
                .description(
                    "Installation tokens served: fresh from the cache, stale while one"
                        + " refresh runs, or after waiting for one")
                .baseUnit("requests")
                .tag("outcome", lower(how));
        if (installation != null) {
          builder.tag("installation", installation);
        }
        counters[how.ordinal()] = builder.register(registry);
      }
      return counters;
    }

    Counter[] servedTo(long installationId) {
      Counter[] counters = servedByInstallation.get(installationId);
      if (counters == null) {
        counters =
            servedByInstallation.computeIfAbsent(
                installationId, id -> servedCounters(installations.admit(Long.toString(id))));
      }
      return counters;
    }

    Timer refresh(TokenKey key, String outcome, String exception) {
      return registry.timer(
          "ghapp.token.refreshes", installation(key, "outcome", outcome, "exception", exception));
    }

    /** {@code tags} with the installation's tag, when installation tags are on. */
    String[] installation(TokenKey key, String... tags) {
      if (!installationTags) {
        return tags;
      }
      String[] all = Arrays.copyOf(tags, tags.length + 2);
      all[tags.length] = "installation";
      all[tags.length + 1] = installations.admit(Long.toString(key.installationId()));
      return all;
    }

    /** The validity gauge of one installation, or of all when {@code installationId} is null. */
    void validityGauge(Long installationId) {
      if (installationId != null && !validityGauges.add(installationId)) {
        return;
      }
      TimeGauge.Builder<TokenValidity> builder =
          TimeGauge.builder(
                  "ghapp.token.validity.min",
                  validity,
                  TimeUnit.SECONDS,
                  v ->
                      v.minSecondsLeft(
                          clock.wallTime(), installationId == null ? -1 : installationId))
              .description("Validity left on the cached token that expires first");
      if (installationId != null) {
        String tag = installations.admit(Long.toString(installationId));
        if (tag.equals(TagValues.OTHER)) {
          return; // past the cap: the other installations' gauge would mean nothing
        }
        builder.tag("installation", tag);
      }
      builder.register(registry);
    }
  }
}
