package io.github.ghapp.auth.internal.token;

import io.github.ghapp.auth.ErrorDetails;
import io.github.ghapp.auth.GitHubAppListener;
import io.github.ghapp.auth.GitHubAppListener.TokenServing;
import io.github.ghapp.auth.InstallationToken;
import io.github.ghapp.auth.TokenKey;
import io.github.ghapp.auth.TokenLifetimeException;
import io.github.ghapp.auth.TokenProvider;
import io.github.ghapp.auth.TokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TokenProvider} for one {@link TokenKey}: serves the cached token while it is fresh and
 * keeps at most one refresh per key in flight.
 *
 * <h2>Design</h2>
 *
 * The cached token lives in an immutable {@link TokenSnapshot} in a volatile field. Each call reads
 * it once, reads {@code clock.millis()} once, and decides:
 *
 * <ul>
 *   <li>FRESH (before the snapshot's jittered stale moment): return it. No lock, no allocation.
 *   <li>STALE (refresh due, but at least the caller's required validity left): return it at once.
 *       The caller that wins the CAS on {@link #flight} starts the one refresh: on the refresh
 *       executor when there is one, otherwise on its own thread, so that one caller pays the mint's
 *       latency and no other caller waits. A failure is logged and the stale token keeps being
 *       served; the next refresh waits for a backoff ({@link RefreshBackoff}) so a failing GitHub
 *       is not hammered.
 *   <li>EXPIRED (less than the caller's required validity left, which is never less than the expiry
 *       margin, or nothing cached): wait for the refresh in flight, starting it if there is none.
 *       The caller that starts it runs it itself: it waits anyway, and this way waiting callers
 *       never depend on the executor's capacity. Every waiter gets that refresh's outcome, its
 *       exception included (the same instance, so {@code GitHubException} subtypes survive); the
 *       next call tries again.
 * </ul>
 *
 * A refresh first asks the {@link TokenStore} (another process may hold a fresh token), then mints
 * inside {@link TokenStore#mintLocked}, asking the store once more inside the lock, and stores what
 * it minted.
 *
 * <p>{@link #invalidate()} removes the store's entry first and then, under {@link #lock}, bumps
 * {@link #generation} and drops the snapshot. A refresh notes the generation before it reads the
 * store and installs a token it read from the store only if the generation is unchanged; otherwise
 * it looks again. So a token read just before an invalidation or revocation is never installed
 * after it. A token the refresh minted itself is always installed: it is newer than anything
 * invalidated.
 *
 * <p>The margins scale with the life GitHub gave a minted token (at most 1/4, 1/12 and 1/60 of it,
 * {@link RefreshPolicy#REFRESH_SHARE}): the defaults are exactly those shares of an hour, and a
 * shorter token (a GHES setting, a test server, a skewed clock) is used while it lasts and
 * refreshed once, never on every call. Each snapshot carries its own expiry margin, so the FRESH
 * path is unchanged.
 *
 * <p>The listener hears how each call was served (once per call, on the hot path too) and how each
 * refresh went. The shared settings are copied into final fields: the hot path reads only this.
 */
final class RefreshingTokenProvider implements TokenProvider {
  private static final Logger log = LoggerFactory.getLogger(RefreshingTokenProvider.class);

  private final TokenKey key;
  private final TokenMinter minter;
  private final Consumer<InstallationToken> revoker;
  private final TokenStore store;
  private final Clock clock;
  private final Executor refreshExecutor;
  private final GitHubAppListener listener;
  private final long refreshMarginMillis;
  private final long jitterMillis;
  private final long expiryMarginMillis;
  private final RefreshPolicy policy;

  /** Validity a token read from the store needs to be FRESH whatever jitter it draws. */
  private final long freshFromStoreMillis;

  private final Object lock = new Object();
  private volatile TokenSnapshot snapshot;

  /** Bumped by every invalidation; guarded by {@link #lock}. */
  private long generation;

  private final AtomicReference<Flight> flight = new AtomicReference<>();
  private volatile RefreshBackoff backoff = RefreshBackoff.NONE;

  /** Made by {@link TokenCache#provider}, with what every provider of the app shares. */
  RefreshingTokenProvider(TokenKey key, TokenCache cache) {
    this.key = Objects.requireNonNull(key, "key");
    this.minter = cache.minter;
    this.revoker = cache.revoker;
    this.store = cache.store;
    this.clock = cache.clock;
    this.refreshExecutor = cache.refreshExecutor;
    this.listener = cache.listener;
    this.policy = cache.policy;
    this.refreshMarginMillis = policy.refreshMargin().toMillis();
    this.jitterMillis = policy.jitter().toMillis();
    this.expiryMarginMillis = policy.expiryMargin().toMillis();
    this.freshFromStoreMillis = refreshMarginMillis + jitterMillis;
  }

  @Override
  public String token() {
    // The hot path, spelled out: a FRESH token always has more than the expiry margin left, because
    // the refresh margin is at least the expiry margin. The default listener's empty call inlines.
    TokenSnapshot current = snapshot;
    if (current != null && current.isFresh(clock.millis())) {
      listener.tokenServed(key, TokenServing.FRESH);
      return current.token.token();
    }
    return acquire(0).token.token();
  }

  @Override
  public String token(Duration minValidity) {
    return acquire(policy.requiredMillis(minValidity)).token.token();
  }

  @Override
  public InstallationToken installationToken() {
    return acquire(0).token;
  }

  @Override
  public InstallationToken installationToken(Duration minValidity) {
    return acquire(policy.requiredMillis(minValidity)).token;
  }

  @Override
  public void invalidate() {
    // The store first: a refresh that read it before this line sees the generation change below.
    store.remove(key);
    synchronized (lock) {
      generation++;
      snapshot = null;
    }
    log.debug(
        "Dropped the installation token for installation {} ({})",
        key.installationId(),
        key.request());
  }

  @Override
  public void invalidate(String refused) {
    Objects.requireNonNull(refused, "refused");
    TokenSnapshot current = snapshot;
    if (current != null && !current.token.token().equals(refused)) {
      return; // already replaced: another caller's refusal led to a refresh
    }
    InstallationToken stored = store.get(key);
    if (stored != null && !stored.token().equals(refused)) {
      // Another process (or our own refresh) already stored a newer token; only our snapshot is
      // stale.
      synchronized (lock) {
        if (snapshot == current) {
          generation++;
          snapshot = null;
        }
      }
      return;
    }
    invalidate();
  }

  @Override
  public void revoke() {
    TokenSnapshot current = snapshot;
    if (current == null) {
      return;
    }
    try {
      revoker.accept(current.token);
      log.debug(
          "Revoked the installation token for installation {} ({})",
          key.installationId(),
          key.request());
    } finally {
      // Even when revoking failed the token may be dead at GitHub, so it is never served again.
      invalidate();
    }
  }

  @Override
  public String toString() {
    return "RefreshingTokenProvider{installation="
        + key.installationId()
        + ", request="
        + key.request()
        + ", baseUrl="
        + key.baseUrl()
        + "}";
  }

  /**
   * A snapshot with at least {@code requiredMillis} of validity left, told to the listener as
   * served the way this call first found it: FRESH, STALE (the caller that then runs the refresh
   * itself included) or, once it had to wait for a refresh, WAITED.
   */
  private TokenSnapshot acquire(long requiredMillis) {
    TokenServing how = TokenServing.FRESH;
    while (true) {
      TokenSnapshot current = snapshot;
      long now = clock.millis();
      if (current != null && current.serves(now, requiredMillis)) {
        if (current.isFresh(now)) {
          return served(current, how);
        }
        if (how == TokenServing.FRESH) {
          how = TokenServing.STALE;
        }
        if (!refreshWhileServing(now)) {
          return served(current, how);
        }
        continue; // this caller ran the refresh itself: serve what it left behind
      }
      how = TokenServing.WAITED;
      TokenSnapshot refreshed = awaitRefresh(requiredMillis);
      if (refreshed != null) {
        return served(refreshed, how);
      }
    }
  }

  private TokenSnapshot served(TokenSnapshot snapshot, TokenServing how) {
    listener.tokenServed(key, how);
    return snapshot;
  }

  /**
   * Starts the one refresh of a STALE token unless one is already in flight or a recent failure
   * asks to wait. Returns true when this caller ran the refresh on its own thread.
   */
  private boolean refreshWhileServing(long now) {
    if (now < backoff.notBeforeMillis() || flight.get() != null) {
      return false;
    }
    Flight started = new Flight(freshFromStoreMillis);
    if (!flight.compareAndSet(null, started)) {
      return false;
    }
    if (refreshExecutor != null) {
      try {
        refreshExecutor.execute(() -> run(started));
        return false;
      } catch (RejectedExecutionException e) {
        log.debug(
            "The refresh executor refused the refresh of installation {}'s token; refreshing on"
                + " the calling thread",
            key.installationId());
      }
    }
    run(started);
    return true;
  }

  /**
   * Waits for the refresh in flight, starting it if there is none. Returns its token when that has
   * at least {@code requiredMillis} left, or null when the caller should look again.
   */
  private TokenSnapshot awaitRefresh(long requiredMillis) {
    Flight joined = flight.get();
    if (joined == null) {
      Flight started = new Flight(Math.max(freshFromStoreMillis, requiredMillis));
      if (!flight.compareAndSet(null, started)) {
        return null;
      }
      run(started);
      joined = started;
    } else {
      joined.require(requiredMillis);
    }
    TokenSnapshot refreshed = joined.await(key.installationId());
    long now = clock.millis();
    if (refreshed.serves(now, requiredMillis)) {
      return refreshed;
    }
    if (joined.minted) {
      // Looping would mint again and get the same: GitHub (or a skewed clock) gives less than
      // asked.
      Duration granted = Duration.ofMillis(refreshed.expiresAtMillis - now);
      Duration asked = Duration.ofMillis(Math.max(requiredMillis, refreshed.expiryMarginMillis));
      String request = "POST /app/installations/" + key.installationId() + "/access_tokens";
      throw new TokenLifetimeException(
          "GitHub minted an installation token for installation "
              + key.installationId()
              + " that is valid for "
              + granted
              + ", less than the "
              + asked
              + " asked for; ask for less validity,"
              + " or check that the clock agrees with GitHub's",
          new ErrorDetails(201, request, null, null, null, List.of()),
          granted,
          asked);
    }
    // The refresh took a stored token good enough for whoever started it, not for this caller. The
    // next refresh is started (or raised) with this caller's requirement, so it mints if the store
    // cannot help.
    return null;
  }

  /**
   * Runs one refresh to its end. Completes {@code started} whatever happens, so no waiter hangs.
   */
  private void run(Flight started) {
    log.debug(
        "Refreshing the installation token for installation {} ({})",
        key.installationId(),
        key.request());
    listener.refreshStarted(key);
    try {
      TokenSnapshot refreshed = fetch(started);
      long now = clock.millis();
      backoff =
          refreshed.isFresh(now)
              ? RefreshBackoff.NONE
              : backoff.afterTooShortLived(now, key, refreshed.token.expiresAt());
      // after installing, so a caller seeing no flight sees the token
      flight.compareAndSet(started, null);
      listener.refreshSucceeded(key, started.took(), refreshed.token.expiresAt(), started.minted);
      started.result.complete(refreshed);
    } catch (RuntimeException | Error e) {
      long now = clock.millis();
      TokenSnapshot current = snapshot;
      backoff =
          backoff.afterFailure(
              now,
              key,
              current != null && current.serves(now, 0)
                  ? Instant.ofEpochMilli(current.expiresAtMillis - current.expiryMarginMillis)
                  : null,
              e);
      flight.compareAndSet(started, null);
      if (e instanceof RuntimeException failure) {
        listener.refreshFailed(key, started.took(), failure);
      }
      started.result.completeExceptionally(e);
      if (e instanceof Error) {
        throw (Error) e;
      }
    }
  }

  /** Takes a fresh enough token from the store, or mints one, and installs it as the snapshot. */
  private TokenSnapshot fetch(Flight started) {
    while (true) {
      long seenGeneration;
      synchronized (lock) {
        seenGeneration = generation;
      }
      InstallationToken token = store.get(key);
      if (!started.accepts(token, clock.millis())) {
        token =
            Objects.requireNonNull(
                store.mintLocked(key, () -> mintUnlessStored(started)),
                "the token store's mintLocked returned null");
      }
      synchronized (lock) {
        if (started.minted || seenGeneration == generation) {
          // A minted token's margins scale with the life GitHub gave it; a stored one was taken
          // only with more than the refresh margin left, and its minting moment is unknown.
          TokenSnapshot installed =
              TokenSnapshot.of(
                  token,
                  refreshMarginMillis,
                  expiryMarginMillis,
                  jitterMillis,
                  started.minted
                      ? token.expiresAt().toEpochMilli() - clock.millis()
                      : Long.MAX_VALUE);
          snapshot = installed;
          return installed;
        }
      }
      log.debug(
          "The token read from the store for installation {} was invalidated meanwhile; looking"
              + " again",
          key.installationId());
    }
  }

  private InstallationToken mintUnlessStored(Flight started) {
    InstallationToken stored = store.get(key); // another process may have minted while we waited
    if (started.accepts(stored, clock.millis())) {
      return stored;
    }
    log.debug(
        "Minting an installation token for installation {} ({})",
        key.installationId(),
        key.request());
    InstallationToken minted =
        Objects.requireNonNull(
            minter.mint(key.installationId(), key.request()), "the token minter returned null");
    store.put(key, minted);
    started.minted = true;
    return minted;
  }
}
