package io.github.ghapp.cli;

import java.net.http.HttpClient;

/** Closing the JDK HTTP clients a command made itself, before the JVM exits. */
final class HttpClients {
  private HttpClients() {}

  /**
   * Closes {@code client} where the JDK can (Java 21 and newer, which the launcher prefers): it
   * waits for the requests in flight and stops the client's selector thread. A JVM that exits while
   * that thread waits in native code waits about 300 ms for it (HotSpot's exit waits for threads in
   * native), which would be most of a short command's time. Java 17 cannot close one.
   */
  static void close(HttpClient client) {
    if (client instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // Nothing to do about it: the process is about to end.
      }
    }
  }
}
