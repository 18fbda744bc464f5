package io.github.ghapp.micrometer;

import io.github.ghapp.auth.GitHubAppListener.RateLimit;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The rate limits GitHub reported, kept for the {@code ghapp.ratelimit.*} gauges: one group of
 * three gauges per resource and budget (the app's own, or the installations'), and per installation
 * when its tag is on.
 *
 * <p>Without installation tags, a group holds the latest report of each installation and its gauges
 * show the budget closest to running out: the least remaining among the windows that have not reset
 * yet (the latest report when all have). That is what an alert on {@code remaining} wants: it fires
 * for whichever installation is about to be throttled.
 */
final class RateLimits {
  static final int MAX_RESOURCES = 30;

  private final boolean installationTags;
  private final TagValues resources = new TagValues(MAX_RESOURCES);
  private final TagValues installations;
  private final Map<Tags, Group> groups = new ConcurrentHashMap<>();
  private volatile MeterRegistry registry;

  RateLimits(boolean installationTags, TagValues installations) {
    this.installationTags = installationTags;
    this.installations = installations;
  }

  /** Registers the gauges of every group known so far in {@code registry}, and of later ones. */
  void bindTo(MeterRegistry registry) {
    this.registry = registry;
    groups.forEach((tags, group) -> group.register(registry, tags));
  }

  void reported(RateLimit limit) {
    String budget = limit.installationId() == 0 ? "app" : "installation";
    Tags tags =
        Tags.of("resource", resources.admit(String.valueOf(limit.resource())), "budget", budget);
    if (installationTags) {
      tags =
          tags.and(
              "installation",
              limit.installationId() == 0
                  ? "none"
                  : installations.admit(Long.toString(limit.installationId())));
    }
    Group group = groups.get(tags);
    if (group == null) {
      Group created = new Group(registry == null ? Clock.SYSTEM : registry.config().clock());
      group = groups.putIfAbsent(tags, created);
      if (group == null) {
        group = created;
        group.report(limit);
        MeterRegistry r = registry;
        if (r != null) {
          group.register(r, tags);
        }
        return;
      }
    }
    group.report(limit);
  }

  /** The reports behind one group of gauges. */
  private static final class Group {
    private volatile Clock clock;
    private final Map<Long, RateLimit> byInstallation = new ConcurrentHashMap<>();
    private volatile RateLimit latest;

    Group(Clock clock) {
      this.clock = clock;
    }

    void report(RateLimit limit) {
      latest = limit;
      byInstallation.put(limit.installationId(), limit);
    }

    void register(MeterRegistry registry, Tags tags) {
      clock = registry.config().clock();
      Gauge.builder("ghapp.ratelimit.limit", this, g -> g.read(RateLimit::limit))
          .description("Requests GitHub allows in the rate-limit window")
          .baseUnit("requests")
          .tags(tags)
          .register(registry);
      Gauge.builder("ghapp.ratelimit.remaining", this, g -> g.read(RateLimit::remaining))
          .description("Requests left in the rate-limit window")
          .baseUnit("requests")
          .tags(tags)
          .register(registry);
      TimeGauge.builder(
              "ghapp.ratelimit.reset", this, TimeUnit.MILLISECONDS, Group::millisUntilReset)
          .description("Time until the rate-limit window starts again")
          .tags(tags)
          .register(registry);
    }

    /** The least remaining among windows not reset yet, else the latest report. */
    RateLimit current() {
      long now = clock.wallTime();
      RateLimit least = null;
      for (RateLimit limit : byInstallation.values()) {
        if (limit.reset().toEpochMilli() <= now) {
          if (limit != latest) {
            byInstallation.remove(limit.installationId(), limit);
          }
        } else if (least == null || limit.remaining() < least.remaining()) {
          least = limit;
        }
      }
      return least != null ? least : latest;
    }

    double millisUntilReset() {
      return read(limit -> Math.max(0, limit.reset().toEpochMilli() - clock.wallTime()));
    }

    /** {@code value} of the current report; NaN in the instant before the first one lands. */
    double read(ToDoubleFunction<RateLimit> value) {
      RateLimit limit = current();
      return limit == null ? Double.NaN : value.applyAsDouble(limit);
    }
  }
}
