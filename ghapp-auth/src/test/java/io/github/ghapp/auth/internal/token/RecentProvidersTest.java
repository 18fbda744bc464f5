package io.github.ghapp.auth.internal.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.auth.TokenProvider;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Regression (security review #16): {@code app.tokenProvider(id)} looked up per call built a
 * TokenKey and asked the cache (about 280 ns against 28 ns for a held provider). The recent
 * providers answer a repeated id without the cache, and never with another id's provider.
 */
class RecentProvidersTest {
  private final Map<Long, TokenProvider> cache = new HashMap<>();
  private final AtomicInteger lookUps = new AtomicInteger();
  private final RecentProviders recent =
      new RecentProviders(
          id -> {
            lookUps.incrementAndGet();
            return cache.computeIfAbsent(id, i -> new TokenFixture().provider());
          });

  @Test
  void get_sameInstallationAgain_isServedWithoutTheCache() {
    TokenProvider first = recent.get(42);
    for (int i = 0; i < 1_000; i++) {
      assertThat(recent.get(42)).isSameAs(first);
    }
    assertThat(lookUps).hasValue(1);
  }

  @Test
  void get_manyInstallationsSharingSlots_eachGetsItsOwnProvider() {
    for (int round = 0; round < 3; round++) {
      for (long id = 1; id <= 1_000; id++) {
        assertThat(recent.get(id)).isSameAs(cache.get(id) != null ? cache.get(id) : recent.get(id));
      }
    }
    for (long id = 1; id <= 1_000; id++) {
      assertThat(recent.get(id)).isSameAs(cache.get(id));
    }
  }
}
