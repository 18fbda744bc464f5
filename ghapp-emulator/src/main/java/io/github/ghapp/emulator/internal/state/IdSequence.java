package io.github.ghapp.emulator.internal.state;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;

/**
 * The ids {@link EmulatorState} hands out for one kind of record. A state file may give ids
 * explicitly, so a generated id steps over those taken, and every id used lifts the sequence above
 * it: the two never collide, and an id once used (an uninstalled installation's) is not handed out
 * again.
 */
final class IdSequence {

  private final AtomicLong next;

  IdSequence(long first) {
    this.next = new AtomicLong(first);
  }

  /** The next id no record holds; it is taken only once {@link #used} says so. */
  long next(LongPredicate taken) {
    long candidate = next.get();
    while (taken.test(candidate)) {
      candidate++;
    }
    return candidate;
  }

  void used(long id) {
    next.accumulateAndGet(id + 1, Math::max);
  }
}
