package io.github.ghapp.micrometer;

import io.github.ghapp.auth.GitHubAppListener;
import io.github.ghapp.auth.TokenKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Micrometer meters on a {@link io.github.ghapp.auth.GitHubApp}: how tokens are served, mints and
 * refreshes, requests to GitHub, retries and rate limits. The module's README lists every meter.
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
 *
 * <p>Installation ids are not tags unless asked for with {@link #withInstallationTags()}: an App
 * with thousands of installations would otherwise make thousands of series per meter.
 */
public final class GitHubAppMetrics implements GitHubAppListener, MeterBinder {
  private final boolean installationTags;
  private volatile Bound bound;

  /** Meters without installation ids as tags. */
  public GitHubAppMetrics() {
    this(false);
  }

  private GitHubAppMetrics(boolean installationTags) {
    this.installationTags = installationTags;
  }

  /**
   * Meters that also tell installations apart: an {@code installation} tag on the meters that
   * concern one installation (see the README). Costs one map look-up per token served.
   */
  public static GitHubAppMetrics withInstallationTags() {
    return new GitHubAppMetrics(true);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    bound = new Bound(registry);
  }

  @Override
  public void tokenServed(TokenKey key, TokenServing how) {
    Bound b = bound;
    if (b != null) {
      b.served[how.ordinal()].increment();
    }
  }

  @Override
  public String toString() {
    return "GitHubAppMetrics{installationTags=" + installationTags + "}";
  }

  /** The meters resolved for one registry. */
  private static final class Bound {
    final Counter[] served = new Counter[TokenServing.values().length];

    Bound(MeterRegistry registry) {
      for (TokenServing how : TokenServing.values()) {
        served[how.ordinal()] =
            Counter.builder("ghapp.token.requests")
                .description("Installation tokens served, by how")
                .tag("outcome", how.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry);
      }
    }
  }
}
