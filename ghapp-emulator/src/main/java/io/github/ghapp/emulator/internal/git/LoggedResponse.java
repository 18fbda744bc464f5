package io.github.ghapp.emulator.internal.git;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/**
 * Records a Git request in the request log before its answer leaves, as the API servlets do, so
 * that a client that has finished (git has exited) always finds its requests in the log. JGit
 * streams its answers, and the container may end one as soon as its declared length is written; so
 * the entry is written at the first byte of the body, when the status is settled, or by {@link
 * #logOnce()} for an answer without a body.
 */
final class LoggedResponse extends HttpServletResponseWrapper {

  private final IntConsumer log;
  private final AtomicBoolean logged = new AtomicBoolean();
  private ServletOutputStream stream;

  LoggedResponse(HttpServletResponse response, IntConsumer log) {
    super(response);
    this.log = log;
  }

  /** Writes the log entry with the current status, unless that was done already. */
  void logOnce() {
    if (logged.compareAndSet(false, true)) {
      log.accept(getStatus());
    }
  }

  @Override
  public ServletOutputStream getOutputStream() throws IOException {
    if (stream == null) {
      ServletOutputStream out = super.getOutputStream();
      stream =
          new ServletOutputStream() {
            @Override
            public void write(int b) throws IOException {
              logOnce();
              out.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
              logOnce();
              out.write(bytes, offset, length);
            }

            @Override
            public void flush() throws IOException {
              logOnce();
              out.flush();
            }

            @Override
            public void close() throws IOException {
              logOnce();
              out.close();
            }

            @Override
            public boolean isReady() {
              return out.isReady();
            }

            @Override
            public void setWriteListener(WriteListener listener) {
              out.setWriteListener(listener);
            }
          };
    }
    return stream;
  }
}
