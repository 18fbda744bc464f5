package io.github.ghapp.emulator.internal.http;

import io.github.ghapp.emulator.internal.FaultState;
import io.github.ghapp.emulator.internal.auth.Caller;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GitHub's primary rate limits, one hourly window per bucket and resource: per installation for
 * tokens (5,000/h, +50 for each repository beyond 20, at most 12,500; GITHUB-FACTS.md section 5 —
 * org members are not modelled), per app for JWTs, per client address for anonymous calls (60/h). A
 * window starts with its first request and resets an hour later, as {@code x-ratelimit-reset} says.
 */
public final class RateLimiter {

  public static final String CORE = "core";
  static final int INSTALLATION_BASE = 5_000;
  static final int PER_REPOSITORY_BEYOND_20 = 50;
  static final int INSTALLATION_CAP = 12_500;
  static final int APP_LIMIT = 5_000;
  static final int ANONYMOUS_LIMIT = 60;
  private static final Duration WINDOW = Duration.ofHours(1);

  /** The state of one bucket after a request; {@code exceeded} when the request must be refused. */
  public record Snapshot(
      String resource,
      int limit,
      int used,
      long resetEpochSeconds,
      boolean exceeded,
      int refusalStatus,
      String bucketDescription) {
    public int remaining() {
      return Math.max(0, limit - used);
    }
  }

  private final EmulatorState state;
  private final FaultState faults;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  public RateLimiter(EmulatorState state, FaultState faults) {
    this.state = state;
    this.faults = faults;
  }

  /** Counts one request against the caller's bucket (unless it is already spent). */
  Snapshot consume(Caller caller, String remoteAddress, String resource, Instant now) {
    return account(caller, remoteAddress, resource, now, true);
  }

  /** The caller's bucket without counting, for {@code GET /rate_limit}. */
  public Snapshot peek(Caller caller, String remoteAddress, String resource, Instant now) {
    return account(caller, remoteAddress, resource, now, false);
  }

  /** The hourly budget of an installation reaching {@code repositories} repositories. */
  public static int installationLimit(int repositories) {
    return Math.min(
        INSTALLATION_CAP,
        INSTALLATION_BASE + PER_REPOSITORY_BEYOND_20 * Math.max(0, repositories - 20));
  }

  private Snapshot account(
      Caller caller, String remoteAddress, String resource, Instant now, boolean count) {
    String bucket;
    String description;
    int limit;
    OptionalInt forced = OptionalInt.empty();
    if (caller instanceof Caller.InstallationCaller) {
      Caller.InstallationCaller installation = (Caller.InstallationCaller) caller;
      long id = installation.installation().id();
      bucket = "installation:" + id;
      description = "installation ID " + id;
      limit = installationLimit(state.reachableCount(installation.installation()));
      forced = faults.exhaustedStatus(id);
    } else if (caller instanceof Caller.AppCaller) {
      long id = ((Caller.AppCaller) caller).app().id();
      bucket = "app:" + id;
      description = "app ID " + id;
      limit = APP_LIMIT;
    } else {
      bucket = "ip:" + remoteAddress;
      description = remoteAddress;
      limit = ANONYMOUS_LIMIT;
    }
    boolean[] refused = {false};
    Window window =
        windows.compute(
            bucket + "/" + resource,
            (key, current) -> {
              Window next =
                  current == null || !now.isBefore(current.reset())
                      ? new Window(resetOfWindowStartingAt(now), 0)
                      : current;
              if (count) {
                if (next.used() < limit) {
                  next = new Window(next.reset(), next.used() + 1);
                } else {
                  refused[0] = true;
                }
              }
              return next;
            });
    long reset = window.reset().getEpochSecond();
    if (forced.isPresent()) {
      return new Snapshot(resource, limit, limit, reset, true, forced.getAsInt(), description);
    }
    return new Snapshot(resource, limit, window.used(), reset, refused[0], 403, description);
  }

  /**
   * An hour from {@code start}'s whole second, as {@code Date} and {@code x-ratelimit-reset} give
   * it: a window that ended a fraction after the advertised reset would still refuse a client that
   * waited exactly until then, and advertise the same reset again, already past.
   */
  static Instant resetOfWindowStartingAt(Instant start) {
    return start.truncatedTo(ChronoUnit.SECONDS).plus(WINDOW);
  }

  /**
   * One bucket's hour: when it resets and how much of it is used. Immutable, replaced atomically.
   */
  private record Window(Instant reset, int used) {}
}
