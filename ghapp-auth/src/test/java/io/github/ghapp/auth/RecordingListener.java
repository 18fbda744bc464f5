package io.github.ghapp.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link GitHubAppListener} that writes down what it hears, one line per event in the order
 * heard, e.g. {@code "served 42 FRESH"} or {@code "completed GET /installation/repositories 200"},
 * and keeps the durations and rate limits for the tests that check them.
 */
public final class RecordingListener implements GitHubAppListener {
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final List<Duration> durations = new CopyOnWriteArrayList<>();
  private final List<RateLimit> rateLimits = new CopyOnWriteArrayList<>();
  private final List<RuntimeException> refreshErrors = new CopyOnWriteArrayList<>();
  private final List<String> arguments = new CopyOnWriteArrayList<>();

  /** Every event heard so far, oldest first. */
  public List<String> events() {
    return List.copyOf(events);
  }

  /** The events heard so far that start with {@code prefix}, e.g. {@code "served"}. */
  public List<String> events(String prefix) {
    return events.stream().filter(e -> e.startsWith(prefix)).toList();
  }

  /** Every duration reported so far (took, or a retry's wait), in the order heard. */
  public List<Duration> durations() {
    return List.copyOf(durations);
  }

  public List<RateLimit> rateLimits() {
    return List.copyOf(rateLimits);
  }

  /** The errors refreshFailed reported. */
  public List<RuntimeException> refreshErrors() {
    return List.copyOf(refreshErrors);
  }

  /** Every argument of every event, as text (for checking that none holds a secret). */
  public List<String> arguments() {
    return List.copyOf(arguments);
  }

  /** Forgets everything heard so far. */
  public void clear() {
    events.clear();
    durations.clear();
    rateLimits.clear();
    refreshErrors.clear();
    arguments.clear();
  }

  private void heard(Object... args) {
    for (Object arg : args) {
      arguments.add(String.valueOf(arg));
    }
  }

  @Override
  public void tokenServed(TokenKey key, TokenServing how) {
    heard(key, how);
    events.add("served " + key.installationId() + " " + how);
  }

  @Override
  public void refreshStarted(TokenKey key) {
    heard(key);
    events.add("refreshStarted " + key.installationId());
  }

  @Override
  public void refreshSucceeded(TokenKey key, Duration took, Instant expiresAt, boolean minted) {
    heard(key, took, expiresAt, minted);
    durations.add(took);
    events.add(
        "refreshSucceeded "
            + key.installationId()
            + (minted ? " minted" : " from store")
            + " expiring "
            + expiresAt);
  }

  @Override
  public void refreshFailed(TokenKey key, Duration took, RuntimeException error) {
    heard(key, took, error);
    durations.add(took);
    refreshErrors.add(error);
    events.add("refreshFailed " + key.installationId() + " " + error.getClass().getSimpleName());
  }

  @Override
  public void tokenMinted(long installationId, Duration took, Instant expiresAt) {
    heard(installationId, took, expiresAt);
    durations.add(took);
    events.add("minted " + installationId + " expiring " + expiresAt);
  }

  @Override
  public void requestCompleted(String method, String route, int status, Duration took) {
    heard(method, route, status, took);
    durations.add(took);
    events.add("completed " + method + " " + route + " " + status);
  }

  @Override
  public void requestRetried(
      String method, String route, RetryCause cause, int attempt, Duration wait) {
    heard(method, route, cause, attempt, wait);
    durations.add(wait);
    events.add("retried " + method + " " + route + " " + cause + " attempt " + attempt);
  }

  @Override
  public void rateLimitReported(RateLimit rateLimit) {
    heard(rateLimit);
    rateLimits.add(rateLimit);
    events.add("rateLimit " + rateLimit.resource() + " " + rateLimit.installationId());
  }
}
