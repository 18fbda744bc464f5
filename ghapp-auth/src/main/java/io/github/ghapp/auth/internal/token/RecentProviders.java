package io.github.ghapp.auth.internal.token;

import io.github.ghapp.auth.TokenProvider;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongFunction;

/**
 * The providers for everything an installation has ({@code TokenRequest.all()}) last looked up, by
 * installation id, in front of the {@link TokenCache}: users call {@code app.tokenProvider(id)} or
 * {@code app.installationClient(id)} per event, and building a {@code TokenKey} and asking the
 * cache costs ten times a held provider's {@code token()}. A hit is one volatile read, one
 * comparison and one {@code nanoTime}: no allocation.
 *
 * <p>Direct-mapped: 64 slots, a slot holds the last id that hashed there, so a collision only costs
 * a look-up in the cache. A slot is trusted for a minute, then checked against the cache again, so
 * that the cache's own eviction (idle providers are dropped) keeps deciding which provider is the
 * one for a key: a provider the cache dropped is not served on for long.
 */
public final class RecentProviders {
  private static final int SLOT_BITS = 6;
  private static final long RECHECK_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final AtomicReferenceArray<Slot> slots = new AtomicReferenceArray<>(1 << SLOT_BITS);
  private final LongFunction<TokenProvider> lookUp;

  private record Slot(long installationId, TokenProvider provider, long checkedAtNanos) {}

  /**
   * @param lookUp the provider for an installation id, from the cache
   */
  public RecentProviders(LongFunction<TokenProvider> lookUp) {
    this.lookUp = Objects.requireNonNull(lookUp, "lookUp");
  }

  public TokenProvider get(long installationId) {
    int index = (int) ((installationId * 0x9E3779B97F4A7C15L) >>> (64 - SLOT_BITS));
    Slot slot = slots.get(index);
    long now = System.nanoTime(); // when to re-check, not when a token expires
    if (slot != null
        && slot.installationId == installationId
        && now - slot.checkedAtNanos < RECHECK_NANOS) {
      return slot.provider;
    }
    TokenProvider provider = lookUp.apply(installationId);
    slots.set(index, new Slot(installationId, provider, now));
    return provider;
  }
}
