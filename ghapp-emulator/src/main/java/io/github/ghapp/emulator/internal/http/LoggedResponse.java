package io.github.ghapp.emulator.internal.http;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/**
 * The response a streaming surface writes to ({@link Exchange#streamingResponse()}): the request
 * log entry is written at the first byte of the body, when the status is settled, because the
 * container may end an answer as soon as its declared length is written. A client that has its
 * answer (git has exited) therefore always finds it in the log.
 */
final class LoggedResponse extends HttpServletResponseWrapper {

  private final Exchange exchange;
  private ServletOutputStream stream;

  LoggedResponse(HttpServletResponse response, Exchange exchange) {
    super(response);
    this.exchange = exchange;
  }

  private void logOnce() {
    exchange.log(getStatus());
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
