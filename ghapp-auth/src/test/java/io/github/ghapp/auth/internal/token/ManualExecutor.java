package io.github.ghapp.auth.internal.token;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

/** An executor that queues its tasks until the test runs them. */
final class ManualExecutor implements Executor {
  private final Queue<Runnable> queued = new ConcurrentLinkedQueue<>();

  @Override
  public void execute(Runnable task) {
    queued.add(task);
  }

  int queued() {
    return queued.size();
  }

  void runNext() {
    Runnable task = queued.poll();
    if (task == null) {
      throw new AssertionError("no task was queued");
    }
    task.run();
  }
}
