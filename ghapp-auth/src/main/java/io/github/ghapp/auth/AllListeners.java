package io.github.ghapp.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What {@link GitHubAppListener#all} returns: each event told to every listener in turn, each one
 * {@linkplain GuardedListener guarded} on its own so that one that throws does not keep the event
 * from the next.
 */
final class AllListeners implements GitHubAppListener {
  private final GitHubAppListener[] listeners;

  private AllListeners(GitHubAppListener[] listeners) {
    this.listeners = listeners;
  }

  static GitHubAppListener of(GitHubAppListener... listeners) {
    GitHubAppListener[] guarded =
        Arrays.stream(Objects.requireNonNull(listeners, "listeners"))
            .map(l -> Objects.requireNonNull(l, "a listener is null"))
            .filter(l -> l != NONE)
            .map(GuardedListener::of)
            .toArray(GitHubAppListener[]::new);
    return switch (guarded.length) {
      case 0 -> NONE;
      case 1 -> guarded[0];
      default -> new AllListeners(guarded);
    };
  }

  @Override
  public void tokenServed(TokenKey key, TokenServing how) {
    for (GitHubAppListener l : listeners) {
      l.tokenServed(key, how);
    }
  }

  @Override
  public void refreshStarted(TokenKey key) {
    for (GitHubAppListener l : listeners) {
      l.refreshStarted(key);
    }
  }

  @Override
  public void refreshSucceeded(TokenKey key, Duration took, Instant expiresAt, boolean minted) {
    for (GitHubAppListener l : listeners) {
      l.refreshSucceeded(key, took, expiresAt, minted);
    }
  }

  @Override
  public void refreshFailed(TokenKey key, Duration took, RuntimeException error) {
    for (GitHubAppListener l : listeners) {
      l.refreshFailed(key, took, error);
    }
  }

  @Override
  public void tokenMinted(long installationId, Duration took, Instant expiresAt) {
    for (GitHubAppListener l : listeners) {
      l.tokenMinted(installationId, took, expiresAt);
    }
  }

  @Override
  public void requestCompleted(String method, String route, int status, Duration took) {
    for (GitHubAppListener l : listeners) {
      l.requestCompleted(method, route, status, took);
    }
  }

  @Override
  public void requestRetried(
      String method, String route, RetryCause cause, int attempt, Duration wait) {
    for (GitHubAppListener l : listeners) {
      l.requestRetried(method, route, cause, attempt, wait);
    }
  }

  @Override
  public void rateLimitReported(RateLimit rateLimit) {
    for (GitHubAppListener l : listeners) {
      l.rateLimitReported(rateLimit);
    }
  }

  @Override
  public void acceptedPermissionsReported(
      String method, String route, List<PermissionSet> accepted) {
    for (GitHubAppListener l : listeners) {
      l.acceptedPermissionsReported(method, route, accepted);
    }
  }

  @Override
  public void mintUncoordinated(TokenKey key, UncoordinatedMint why) {
    for (GitHubAppListener l : listeners) {
      l.mintUncoordinated(key, why);
    }
  }

  @Override
  public void tokenStoreUnavailable(String store, String problem) {
    for (GitHubAppListener l : listeners) {
      l.tokenStoreUnavailable(store, problem);
    }
  }

  @Override
  public void tokenStoreRecovered(String store, Duration outage) {
    for (GitHubAppListener l : listeners) {
      l.tokenStoreRecovered(store, outage);
    }
  }

  @Override
  public String toString() {
    return "GitHubAppListener.all" + Arrays.toString(listeners);
  }
}
