package io.github.ghapp.auth.internal.token;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads that make one call each, all released at once, and what they got. Lets a test wait until
 * every one of them is parked inside the call (arrived and WAITING), which is how it proves callers
 * wait.
 */
public final class ConcurrentCallers<T> {
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private final List<Thread> threads = new ArrayList<>();
  private final CountDownLatch go = new CountDownLatch(1);
  private final AtomicInteger arrived = new AtomicInteger();
  private final Queue<T> results = new ConcurrentLinkedQueue<>();
  private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();

  private ConcurrentCallers(int count, Callable<T> call) {
    for (int i = 0; i < count; i++) {
      Thread thread =
          new Thread(
              null,
              () -> {
                try {
                  go.await();
                  arrived.incrementAndGet();
                  results.add(call.call());
                } catch (Throwable t) {
                  failures.add(t);
                }
              },
              "caller-" + i,
              256 * 1024);
      threads.add(thread);
      thread.start();
    }
    go.countDown();
  }

  /** Starts {@code count} threads that each make {@code call} once, all released together. */
  public static <T> ConcurrentCallers<T> start(int count, Callable<T> call) {
    return new ConcurrentCallers<>(count, call);
  }

  public List<Thread> threads() {
    return threads;
  }

  /** Waits until every caller is inside its call and parked there. */
  public void awaitAllParked() {
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                arrived.get() == threads.size()
                    && threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
  }

  /** Waits until every caller is inside its call and parked or blocked on a monitor there. */
  public void awaitAllStuck() {
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                arrived.get() == threads.size()
                    && threads.stream()
                        .map(Thread::getState)
                        .allMatch(s -> s == Thread.State.WAITING || s == Thread.State.BLOCKED));
  }

  /** Waits until every caller has returned or thrown. */
  public void awaitDone() {
    await().atMost(PATIENCE).until(() -> threads.stream().noneMatch(Thread::isAlive));
  }

  /** Waits for every caller, requiring that none threw, and gives what they returned. */
  public List<T> awaitResults() {
    awaitDone();
    if (!failures.isEmpty()) {
      AssertionError error = new AssertionError(failures.size() + " callers threw");
      error.initCause(failures.peek());
      throw error;
    }
    return List.copyOf(results);
  }

  /** Waits for every caller and gives what they threw. */
  public List<Throwable> awaitFailures() {
    awaitDone();
    return List.copyOf(failures);
  }
}
