package io.github.ghapp.emulator.internal.http;

import io.github.ghapp.emulator.RecordedRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The last {@value #CAPACITY} requests, oldest first. Bounded so that a long-running standalone
 * emulator or a benchmark does not grow without end.
 */
public final class RequestLog {

  static final int CAPACITY = 100_000;
  private final Deque<RecordedRequest> entries = new ArrayDeque<>();

  public synchronized void add(RecordedRequest request) {
    if (entries.size() == CAPACITY) {
      entries.removeFirst();
    }
    entries.addLast(request);
  }

  public synchronized List<RecordedRequest> snapshot() {
    return List.copyOf(new ArrayList<>(entries));
  }

  public synchronized void clear() {
    entries.clear();
  }
}
