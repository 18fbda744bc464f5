package io.github.ghapp.emulator.internal.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * Reads a request body through a bounded stream: the emulator holds at most {@link #MAX_BYTES} of
 * any one body, whatever the client declares or sends, so that a few huge bodies cannot exhaust the
 * heap of the JVM it runs in (often a test fork with a small {@code -Xmx}).
 *
 * <p>Why 10 MiB: GitHub caps webhook payloads at 25 MB, and the REST and GraphQL bodies a client
 * sends (issue texts, state, queries) are far smaller; a cap of a few MiB leaves room for every
 * real body while 64 server threads at the cap stay below a test JVM's heap. Git pushes do not come
 * through here (JGit streams them).
 */
public final class RequestBodies {

  /** The largest body the emulator reads: 10 MiB. */
  public static final int MAX_BYTES = 10 * 1024 * 1024;

  /**
   * How much of a refused body is read and dropped after its 413, and for how long, so that the
   * close does not turn into a TCP reset (unread input) before a client that sends its whole body
   * first has read the answer. Beyond either bound the sender gets the reset.
   */
  static final long DISCARD_LIMIT = 64L * 1024 * 1024;

  static final long DISCARD_MILLIS = 3_000;

  /** The request attribute that marks a body refused and left unread. */
  private static final String UNREAD = RequestBodies.class.getName() + ".unread";

  private static final int CHUNK = 8192;

  /**
   * A body may take this long whatever its size; after it, it must have come at {@link
   * #MIN_BYTES_PER_SECOND} on average. (Jetty's own minimum rate counts from the first byte with no
   * grace, and so refuses a small body read a few milliseconds late.)
   */
  static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

  static final long MIN_BYTES_PER_SECOND = 1024;

  private RequestBodies() {}

  /** The whole body, or a 413 as soon as it is known to be larger than {@link #MAX_BYTES}. */
  public static byte[] read(HttpServletRequest request) throws IOException {
    return read(request, MAX_BYTES);
  }

  static byte[] read(HttpServletRequest request, int maxBytes) throws IOException {
    long declared = request.getContentLengthLong();
    if (declared > maxBytes) {
      throw refuse(request, maxBytes); // refused before a byte of it is read
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream(declared > 0 ? (int) declared : CHUNK);
    byte[] chunk = new byte[CHUNK];
    long start = System.nanoTime(); // a rate, not an expiry: the monotonic clock
    try {
      // Not closed here: a refused body's rest is read and dropped after the answer.
      InputStream in = request.getInputStream();
      for (int n; (n = in.read(chunk)) != -1; ) {
        if (body.size() + n > maxBytes) {
          throw refuse(request, maxBytes);
        }
        body.write(chunk, 0, n);
        long elapsed = System.nanoTime() - start;
        if (elapsed > GRACE_NANOS
            && body.size() < MIN_BYTES_PER_SECOND * TimeUnit.NANOSECONDS.toSeconds(elapsed)) {
          throw tooSlow();
        }
      }
    } catch (IOException e) {
      throw tooSlow(); // Jetty's idle timeout cut a body that stopped arriving
    }
    return body.toByteArray();
  }

  /**
   * Before the answer is written: {@code Connection: close} when the body was refused unread, so
   * that the client knows the connection ends with this answer.
   */
  public static void closeAfterAnswer(HttpServletRequest request, HttpServletResponse response) {
    if (request.getAttribute(UNREAD) != null) {
      response.setHeader("Connection", "close");
    }
  }

  /**
   * After the answer is written: reads and drops what is left of a body refused unread, up to
   * {@link #DISCARD_LIMIT} for up to {@link #DISCARD_MILLIS}, so that the connection closes
   * gracefully and the client reads its 413 instead of "connection reset".
   */
  public static void drainUnread(HttpServletRequest request) {
    if (request.getAttribute(UNREAD) == null) {
      return;
    }
    ServletContextRequest jetty = ServletContextRequest.getServletContextRequest(request);
    if (jetty != null) {
      // a blocked read ends with the drain's time; the connection closes after it anyway
      jetty.getConnectionMetaData().getConnection().getEndPoint().setIdleTimeout(DISCARD_MILLIS);
    }
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DISCARD_MILLIS);
    byte[] chunk = new byte[CHUNK];
    try {
      InputStream in = request.getInputStream();
      long left = DISCARD_LIMIT;
      for (int n; left > 0 && System.nanoTime() - until < 0 && (n = in.read(chunk)) != -1; ) {
        left -= n;
      }
    } catch (IOException | RuntimeException e) {
      // the client went, or stopped sending: the connection closes as it is
    }
  }

  private static ApiException refuse(HttpServletRequest request, int maxBytes) {
    request.setAttribute(UNREAD, Boolean.TRUE);
    return tooLarge(maxBytes);
  }

  private static ApiException tooSlow() {
    return ApiException.of(
            408,
            "Request Timeout: the request body stopped arriving, or came slower than "
                + MIN_BYTES_PER_SECOND
                + " bytes a second.")
        .documentedAt(ApiException.REST_DOCS);
  }

  /** GitHub's shape of error; the connection closes after it ({@link #drainUnread}). */
  static ApiException tooLarge(int maxBytes) {
    return ApiException.of(
            413,
            "Payload too large: the emulator accepts request bodies of at most "
                + (maxBytes / (1024 * 1024))
                + " MiB ("
                + maxBytes
                + " bytes).")
        .documentedAt(ApiException.REST_DOCS);
  }
}
