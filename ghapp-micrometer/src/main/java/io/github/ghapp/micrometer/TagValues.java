package io.github.ghapp.micrometer;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded set of tag values: the first {@code limit} distinct values are kept as they are, any
 * later one becomes {@link #OTHER}. Every series a registry holds costs memory there and in the
 * monitoring system, so no tag may take values without bound, whoever supplies them.
 */
final class TagValues {
  static final String OTHER = "other";

  private final int limit;
  private final Set<String> admitted = ConcurrentHashMap.newKeySet();
  private final AtomicInteger size = new AtomicInteger();

  TagValues(int limit) {
    this.limit = limit;
  }

  /** {@code value} if it is known or there is room for it, else {@link #OTHER}. */
  String admit(String value) {
    if (admitted.contains(value)) {
      return value;
    }
    // Reserve a place first, so that racing callers never admit more than the limit.
    if (size.incrementAndGet() > limit) {
      size.decrementAndGet();
      return OTHER;
    }
    if (!admitted.add(value)) {
      size.decrementAndGet(); // another thread admitted it meanwhile
    }
    return value;
  }
}
