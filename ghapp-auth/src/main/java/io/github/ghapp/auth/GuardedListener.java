package io.github.ghapp.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's {@link GitHubAppListener} as the insides call it: an exception it throws is logged and
 * ignored, so that a listener never fails a request or a refresh. The first failure of each event
 * is logged at WARN with its stack trace, later ones at DEBUG (a listener failing on {@link
 * #tokenServed} would otherwise write a warning per token served). Only the listener's own
 * exception is logged, never the event's arguments, which hold no secrets anyway.
 *
 * <p>{@link GitHubAppListener#NONE} is not wrapped: the insides call it directly, so the hot path
 * makes a monomorphic call to an empty method, which the JIT removes.
 */
final class GuardedListener implements GitHubAppListener {
  private static final Logger log = LoggerFactory.getLogger(GitHubAppListener.class);

  private final GitHubAppListener delegate;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  private GuardedListener(GitHubAppListener delegate) {
    this.delegate = delegate;
  }

  static GitHubAppListener of(GitHubAppListener listener) {
    return listener == NONE
            || listener instanceof GuardedListener
            || listener instanceof AllListeners
        ? listener
        : new GuardedListener(listener);
  }

  @Override
  public void tokenServed(TokenKey key, TokenServing how) {
    try {
      delegate.tokenServed(key, how);
    } catch (RuntimeException e) {
      failed("tokenServed", e);
    }
  }

  @Override
  public void refreshStarted(TokenKey key) {
    try {
      delegate.refreshStarted(key);
    } catch (RuntimeException e) {
      failed("refreshStarted", e);
    }
  }

  @Override
  public void refreshSucceeded(TokenKey key, Duration took, Instant expiresAt, boolean minted) {
    try {
      delegate.refreshSucceeded(key, took, expiresAt, minted);
    } catch (RuntimeException e) {
      failed("refreshSucceeded", e);
    }
  }

  @Override
  public void refreshFailed(TokenKey key, Duration took, RuntimeException error) {
    try {
      delegate.refreshFailed(key, took, error);
    } catch (RuntimeException e) {
      failed("refreshFailed", e);
    }
  }

  @Override
  public void tokenMinted(long installationId, Duration took, Instant expiresAt) {
    try {
      delegate.tokenMinted(installationId, took, expiresAt);
    } catch (RuntimeException e) {
      failed("tokenMinted", e);
    }
  }

  @Override
  public void requestCompleted(String method, String route, int status, Duration took) {
    try {
      delegate.requestCompleted(method, route, status, took);
    } catch (RuntimeException e) {
      failed("requestCompleted", e);
    }
  }

  @Override
  public void requestRetried(
      String method, String route, RetryCause cause, int attempt, Duration wait) {
    try {
      delegate.requestRetried(method, route, cause, attempt, wait);
    } catch (RuntimeException e) {
      failed("requestRetried", e);
    }
  }

  @Override
  public void rateLimitReported(RateLimit rateLimit) {
    try {
      delegate.rateLimitReported(rateLimit);
    } catch (RuntimeException e) {
      failed("rateLimitReported", e);
    }
  }

  @Override
  public void acceptedPermissionsReported(
      String method, String route, List<PermissionSet> accepted) {
    try {
      delegate.acceptedPermissionsReported(method, route, accepted);
    } catch (RuntimeException e) {
      failed("acceptedPermissionsReported", e);
    }
  }

  private void failed(String event, RuntimeException e) {
    if (warned.add(event)) {
      log.warn(
          "The GitHubAppListener {} threw from {}; ignored, and its further failures there are"
              + " logged at DEBUG",
          delegate.getClass().getName(),
          event,
          e);
    } else {
      log.debug(
          "The GitHubAppListener {} threw from {} again; ignored",
          delegate.getClass().getName(),
          event,
          e);
    }
  }

  @Override
  public void mintUncoordinated(TokenKey key, UncoordinatedMint why) {
    try {
      delegate.mintUncoordinated(key, why);
    } catch (RuntimeException e) {
      failed("mintUncoordinated", e);
    }
  }

  @Override
  public void tokenStoreUnavailable(String store, String problem) {
    try {
      delegate.tokenStoreUnavailable(store, problem);
    } catch (RuntimeException e) {
      failed("tokenStoreUnavailable", e);
    }
  }

  @Override
  public void tokenStoreRecovered(String store, Duration outage) {
    try {
      delegate.tokenStoreRecovered(store, outage);
    } catch (RuntimeException e) {
      failed("tokenStoreRecovered", e);
    }
  }

  @Override
  public String toString() {
    return "GuardedListener{" + delegate.getClass().getName() + "}";
  }
}
