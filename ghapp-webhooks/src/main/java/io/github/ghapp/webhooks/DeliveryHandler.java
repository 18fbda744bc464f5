package io.github.ghapp.webhooks;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers {@link WebhookServer}'s requests. A body is read without holding a thread: each chunk is
 * taken as it arrives, and {@link Webhooks#handle} runs once the whole body (or more than the
 * limit) is in. So a client that sends its body slowly costs a connection and its buffered bytes,
 * never a thread, and cannot delay anybody else's delivery.
 */
final class DeliveryHandler extends Handler.Abstract {
  /**
   * How much of a refused body is read and dropped after the answer, and for how long, so that
   * closing with unread input does not make TCP reset the connection before the client has read its
   * 413 (a client that sends its whole body before reading would see "connection reset"). Beyond
   * either bound the sender is not worth the bandwidth, and gets the reset.
   */
  static final long DISCARD_LIMIT = 64L * 1024 * 1024;

  static final long DISCARD_NANOS = 3_000_000_000L;

  private final Webhooks hooks;
  private final String path;
  private final HeaderDeadline deadline;
  private final long minBytesPerSecond;

  DeliveryHandler(Webhooks hooks, String path, HeaderDeadline deadline, long minBytesPerSecond) {
    this.hooks = hooks;
    this.path = path;
    this.deadline = deadline;
    this.minBytesPerSecond = minBytesPerSecond;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    deadline.disarm(request.getConnectionMetaData().getConnection());
    Callback done = Callback.from(callback, () -> rearm(request));
    if (!request.getHttpURI().getPath().equals(path)) {
      answer(
          request,
          response,
          done,
          new WebhookResult(404, "no webhook receiver here; it listens on " + path),
          false);
    } else if (!"POST".equals(request.getMethod())) {
      response.getHeaders().put(HttpHeader.ALLOW, "POST");
      answer(
          request, response, done, new WebhookResult(405, "webhook deliveries are POSTed"), false);
    } else {
      Map<String, String> headers = firstValues(request);
      long declared = request.getLength();
      if (declared > hooks.maxPayloadBytes()) {
        // refused before a byte of the body is read
        answer(request, response, done, hooks.handle(headers, InputStream.nullInputStream()), true);
      } else {
        new Body(request, response, done, headers).read();
      }
    }
    return true;
  }

  private void rearm(Request request) {
    if (request.getConnectionMetaData().isPersistent()) {
      deadline.arm(request.getConnectionMetaData().getConnection());
    }
  }

  /** Collects one request's body, up to one byte over the limit, as it arrives. */
  private final class Body implements Runnable {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final Map<String, String> headers;
    private final List<InputStream> parts = new ArrayList<>();
    private final long started = System.nanoTime();
    private long total;

    Body(Request request, Response response, Callback callback, Map<String, String> headers) {
      this.request = request;
      this.response = response;
      this.callback = callback;
      this.headers = headers;
    }

    @Override
    public void run() {
      read();
    }

    void read() {
      while (true) {
        Content.Chunk chunk = request.read();
        if (chunk == null) {
          if (tooSlow()) {
            finish(true);
          } else {
            request.demand(this);
          }
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          // Cut short (the client closed early), too slow, or idle: what came is handed on as it
          // is, and a body shorter than its Content-Length is answered 400.
          chunk.release();
          finish(true);
          return;
        }
        ByteBuffer bytes = chunk.getByteBuffer();
        int n = (int) Math.min(bytes.remaining(), hooks.maxPayloadBytes() + 1L - total);
        byte[] copy = new byte[n];
        bytes.get(copy);
        parts.add(new ByteArrayInputStream(copy));
        total += n;
        boolean last = chunk.isLast();
        chunk.release();
        if (last || total > hooks.maxPayloadBytes()) {
          finish(!last);
          return;
        }
      }
    }

    /**
     * Whether the body has come slower than the minimum rate on average, after a first second of
     * grace. Checked as bytes arrive; a sender that sends nothing meets the idle timeout instead.
     * (Jetty's own MinimumDataRateHandler counts the bytes of every request on the server.)
     */
    private boolean tooSlow() {
      long elapsed = System.nanoTime() - started;
      return elapsed > 1_000_000_000L && total * 1_000_000_000.0 / elapsed < minBytesPerSecond;
    }

    private void finish(boolean unread) {
      InputStream body = new SequenceInputStream(Collections.enumeration(parts));
      answer(request, response, callback, hooks.handle(headers, body), unread);
    }
  }

  /**
   * Sends {@code result}. When the body was not read whole, the connection is closed after the
   * answer, but gracefully: what is left of the body is read and dropped, up to {@link
   * #DISCARD_LIMIT} for up to {@link #DISCARD_NANOS}, so that the client can read the answer before
   * the connection goes.
   */
  private static void answer(
      Request request, Response response, Callback callback, WebhookResult result, boolean unread) {
    byte[] body = (result.message() + "\n").getBytes(StandardCharsets.UTF_8);
    response.setStatus(result.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
    if (unread) {
      response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
    }
    Callback then =
        unread
            ? Callback.from(
                () -> drain(request, callback, DISCARD_LIMIT, System.nanoTime() + DISCARD_NANOS),
                callback::failed)
            : callback;
    response.write(true, ByteBuffer.wrap(body), then);
  }

  private static void drain(Request request, Callback callback, long left, long until) {
    while (left > 0 && System.nanoTime() - until < 0) {
      Content.Chunk chunk = request.read();
      if (chunk == null) {
        long remaining = left;
        request.demand(() -> drain(request, callback, remaining, until));
        return;
      }
      left -= chunk.remaining();
      boolean end = chunk.isLast() || Content.Chunk.isFailure(chunk);
      chunk.release();
      if (end) {
        break;
      }
    }
    callback.succeeded();
  }

  private static Map<String, String> firstValues(Request request) {
    Map<String, String> first = new HashMap<>();
    for (HttpField field : request.getHeaders()) {
      first.putIfAbsent(field.getName(), field.getValue());
    }
    return first;
  }
}
