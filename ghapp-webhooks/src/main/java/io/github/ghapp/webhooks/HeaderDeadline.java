package io.github.ghapp.webhooks;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a connection whose request headers have not all arrived within a deadline of its opening,
 * or of its previous answer. Jetty's idle timeout alone restarts on every byte, so a client that
 * trickles a header byte at a time would hold the connection for ever; this deadline is total.
 */
final class HeaderDeadline implements Connection.Listener {
  private final Scheduler scheduler;
  private final long millis;
  private final Map<Connection, Scheduler.Task> pending = new ConcurrentHashMap<>();

  HeaderDeadline(Scheduler scheduler, long millis) {
    this.scheduler = scheduler;
    this.millis = millis;
  }

  @Override
  public void onOpened(Connection connection) {
    arm(connection);
  }

  @Override
  public void onClosed(Connection connection) {
    disarm(connection);
  }

  /** The headers of a request on {@code connection} are in: it may take its time over the body. */
  void disarm(Connection connection) {
    Scheduler.Task task = pending.remove(connection);
    if (task != null) {
      task.cancel();
    }
  }

  /** Starts the clock for the next request on {@code connection}. */
  void arm(Connection connection) {
    Scheduler.Task task =
        scheduler.schedule(
            () -> {
              pending.remove(connection);
              connection.getEndPoint().close();
            },
            millis,
            TimeUnit.MILLISECONDS);
    Scheduler.Task earlier = pending.put(connection, task);
    if (earlier != null) {
      earlier.cancel();
    }
  }
}
