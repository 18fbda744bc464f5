package io.github.ghapp.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ghapp.auth.InstallationToken;
import io.github.ghapp.auth.Repository;
import io.github.ghapp.auth.TokenKey;
import io.github.ghapp.auth.TokenRequest;
import io.github.ghapp.auth.TokenStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TokenStore} must do, as JUnit 5 tests: extend this class in your store's tests
 * and give it a fresh, empty store, and your store is held to the same rules as ghapp's own. The
 * rules are those a {@code TokenProvider} relies on: a key never sees another key's token (the key
 * is the whole scope: GitHub, app, installation, repositories, repository ids and permissions),
 * what is put is what is got, field for field, and {@link TokenStore#mintLocked} lets one holder
 * per key in at a time, without holding up other keys, releasing its lock however the mint ends,
 * and without deadlocking a thread that already holds it.
 *
 * <pre>{@code
 * class JdbcTokenStoreTest extends TokenStoreContract {
 *   @Override
 *   protected TokenStore newStore() {
 *     database.execute("DELETE FROM tokens");
 *     return new JdbcTokenStore(database, TokenCodec.of(KEY_BYTES));
 *   }
 * }
 * }</pre>
 *
 * <p>Concurrency is driven with latches and threads, never sleeps; a rule broken by blocking (a
 * lock that is not released, a key that holds up another) fails after {@link #TIMEOUT_SECONDS}
 * instead of hanging. The tests use at most 64 keys at a time, so a bounded store needs room for
 * that many, and tokens expire on whole seconds (GitHub's {@code expires_at} has no finer time).
 */
public abstract class TokenStoreContract {
  /** How long a step may take before the test calls the store stuck. */
  protected static final int TIMEOUT_SECONDS = 10;

  private static final Instant EXPIRES = Instant.parse("2030-01-01T12:00:00Z");

  /** The store under test: a fresh one from {@link #newStore()} for each test. */
  protected TokenStore store;

  private ExecutorService threads;

  /**
   * A new store to test, holding no token; called once per test. Clear any shared backing (a Redis
   * database, a table, a directory) here.
   */
  protected abstract TokenStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
    threads = Executors.newCachedThreadPool();
  }

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  /** A key narrowed to {@code hello-world} with {@code contents=read}. */
  protected static TokenKey key() {
    return new TokenKey(
        "https://api.github.com",
        "Iv23liABC",
        42,
        TokenRequest.builder().repositories("hello-world").permission("contents", "read").build());
  }

  /** A token with every field set, its secret made of {@code secret}. */
  protected static InstallationToken token(String secret) {
    return new InstallationToken(
        "ghs_" + secret,
        EXPIRES,
        Map.of("contents", "read", "metadata", "read"),
        "selected",
        List.of(new Repository(1296269, "octo-org", "hello-world", true)));
  }

  @Test
  public void get_missingKey_isNull() {
    assertThat(store.get(key())).isNull();
  }

  @Test
  public void put_thenGet_returnsAnEqualTokenInEveryField() {
    InstallationToken token =
        new InstallationToken(
            "ghs_" + "x7".repeat(258), // about 520 characters, as GitHub's newer tokens
            EXPIRES,
            Map.of("contents", "read", "issues", "write", "metadata", "read"),
            "selected",
            List.of(
                new Repository(1296269, "octo-org", "hello-world", true),
                new Repository(1300192, "octo-org", "Spoon-Knife", false)));

    store.put(key(), token);

    assertSameToken(store.get(key()), token);
  }

  @Test
  public void put_tokenWithNothingButItsSecretAndExpiry_returnsItAsItWas() {
    InstallationToken bare = new InstallationToken("ghs_bare", EXPIRES, Map.of(), null, List.of());

    store.put(key(), bare);

    assertSameToken(store.get(key()), bare);
  }

  @Test
  public void put_twice_replacesTheFirstToken() {
    store.put(key(), token("first"));
    store.put(key(), token("second"));

    assertSameToken(store.get(key()), token("second"));
  }

  @Test
  public void remove_forgetsTheTokenAndOnlyThatOne() {
    TokenKey other = new TokenKey(key().baseUrl(), key().app(), 43, key().request());
    store.put(key(), token("first"));
    store.put(other, token("other"));

    store.remove(key());
    store.remove(key()); // nothing left to remove: no error

    assertThat(store.get(key())).isNull();
    assertSameToken(store.get(other), token("other"));
  }

  @Test
  public void keysDifferingInAnyPart_neverSeeEachOthersTokens() {
    TokenKey base = key();
    List<TokenKey> keys =
        List.of(
            base,
            new TokenKey("https://ghe.example.com/api/v3", base.app(), 42, base.request()),
            new TokenKey(base.baseUrl(), "Iv23liXYZ", 42, base.request()),
            new TokenKey(base.baseUrl(), base.app(), 43, base.request()),
            new TokenKey(
                base.baseUrl(),
                base.app(),
                42,
                TokenRequest.builder()
                    .repositories("other")
                    .permission("contents", "read")
                    .build()),
            new TokenKey(
                base.baseUrl(),
                base.app(),
                42,
                TokenRequest.builder()
                    .repositories("hello-world")
                    .repositoryIds(1296269)
                    .permission("contents", "read")
                    .build()),
            new TokenKey(
                base.baseUrl(),
                base.app(),
                42,
                TokenRequest.builder()
                    .repositories("hello-world")
                    .permission("contents", "write")
                    .build()),
            new TokenKey(base.baseUrl(), base.app(), 42, TokenRequest.all()));
    for (int i = 1; i < keys.size(); i++) {
      store.put(keys.get(i), token("key" + i));
    }

    assertThat(store.get(base)).as("the one key nothing was put for").isNull();
    for (int i = 1; i < keys.size(); i++) {
      assertSameToken(store.get(keys.get(i)), token("key" + i));
    }
  }

  @Test
  public void expiredToken_mayBeReturnedButNeverForAnotherKey() {
    InstallationToken expired =
        new InstallationToken(
            "ghs_expired", Instant.parse("2020-01-01T00:00:00Z"), Map.of(), null, List.of());
    TokenKey other = new TokenKey(key().baseUrl(), key().app(), 43, key().request());

    store.put(key(), expired);

    InstallationToken got = store.get(key());
    if (got != null) {
      assertSameToken(got, expired);
    }
    assertThat(store.get(other)).isNull();
  }

  @Test
  public void mintLocked_runsTheMintAndReturnsWhatItReturned() {
    InstallationToken minted = token("minted");
    AtomicInteger runs = new AtomicInteger();

    InstallationToken returned =
        store.mintLocked(
            key(),
            () -> {
              runs.incrementAndGet();
              return minted;
            });

    assertThat(returned).isSameAs(minted);
    assertThat(runs).hasValue(1);
  }

  @Test
  public void mintLocked_letsOneHolderPerKeyInAtATime() throws Exception {
    int callers = 8;
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch calling = new CountDownLatch(callers);
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger mostInside = new AtomicInteger();
    List<Future<InstallationToken>> done = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      done.add(
          threads.submit(
              () -> {
                start.await();
                calling.countDown();
                return store.mintLocked(
                    key(),
                    () -> {
                      mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                      // The first holder stays in until every caller is at the door: a store that
                      // lets a second one in has done so by then.
                      awaitOthers(calling);
                      inside.decrementAndGet();
                      return token("minted");
                    });
              }));
    }
    start.countDown();

    for (Future<InstallationToken> f : done) {
      assertThat(f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo(token("minted"));
    }
    assertThat(mostInside).as("holders of the same key's lock at once").hasValue(1);
  }

  @Test
  public void mintLocked_heldForOneKey_doesNotBlockAnotherKey() throws Exception {
    TokenKey other = new TokenKey(key().baseUrl(), key().app(), 43, key().request());
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<InstallationToken> holder =
        threads.submit(
            () ->
                store.mintLocked(
                    key(),
                    () -> {
                      holding.countDown();
                      awaitOthers(release);
                      return token("first");
                    }));
    assertThat(holding.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();

    Future<InstallationToken> otherKey =
        threads.submit(() -> store.mintLocked(other, () -> token("other")));

    try {
      assertThat(otherKey.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo(token("other"));
      assertThat(holder.isDone()).as("the first key's lock is still held").isFalse();
    } finally {
      release.countDown();
    }
    assertThat(holder.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo(token("first"));
  }

  @Test
  public void mintLocked_whenTheMintThrows_passesTheExceptionOnAndReleasesTheLock()
      throws Exception {
    IllegalStateException failure = new IllegalStateException("GitHub refused the mint");

    assertThatThrownBy(
            () ->
                store.mintLocked(
                    key(),
                    () -> {
                      throw failure;
                    }))
        .isSameAs(failure);

    // From another thread: a re-entrant lock left held would let this thread straight back in.
    Future<InstallationToken> next =
        threads.submit(() -> store.mintLocked(key(), () -> token("next")));
    assertThat(next.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo(token("next"));
  }

  @Test
  public void mintLocked_calledAgainInsideTheMint_doesNotDeadlock() throws Exception {
    Future<InstallationToken> nested =
        threads.submit(
            () -> store.mintLocked(key(), () -> store.mintLocked(key(), () -> token("inner"))));

    assertThat(nested.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo(token("inner"));
    Future<InstallationToken> after =
        threads.submit(() -> store.mintLocked(key(), () -> token("after")));
    assertThat(after.get(TIMEOUT_SECONDS, TimeUnit.SECONDS))
        .as("the lock is free again once the outer mint returns")
        .isEqualTo(token("after"));
  }

  @Test
  public void putAndGet_fromManyThreadsAtOnce_loseNothing() throws Exception {
    int writers = 8;
    int keysEach = 8;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      done.add(
          threads.submit(
              (Callable<Void>)
                  () -> {
                    start.await();
                    for (int k = 0; k < keysEach; k++) {
                      TokenKey key = installationKey(writer * keysEach + k);
                      store.put(key, token("w" + writer + "k" + k));
                      assertSameToken(store.get(key), token("w" + writer + "k" + k));
                    }
                    return null;
                  }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get(TIMEOUT_SECONDS * 3L, TimeUnit.SECONDS);
    }

    for (int w = 0; w < writers; w++) {
      for (int k = 0; k < keysEach; k++) {
        assertSameToken(store.get(installationKey(w * keysEach + k)), token("w" + w + "k" + k));
      }
    }
  }

  /** Asserts {@code actual} equals {@code expected} in every field, not only as equals() does. */
  protected static void assertSameToken(InstallationToken actual, InstallationToken expected) {
    assertThat(actual).as("the stored token").isNotNull();
    assertThat(actual.token()).as("token").isEqualTo(expected.token());
    assertThat(actual.expiresAt()).as("expiresAt").isEqualTo(expected.expiresAt());
    assertThat(actual.permissions()).as("permissions").isEqualTo(expected.permissions());
    assertThat(actual.repositorySelection())
        .as("repositorySelection")
        .isEqualTo(expected.repositorySelection());
    assertThat(actual.repositories()).as("repositories").isEqualTo(expected.repositories());
  }

  private static TokenKey installationKey(long installationId) {
    return new TokenKey(
        "https://api.github.com", "Iv23liABC", 1000 + installationId, key().request());
  }

  private static void awaitOthers(CountDownLatch latch) {
    try {
      if (!latch.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError("waited " + TIMEOUT_SECONDS + " s for the other callers");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
