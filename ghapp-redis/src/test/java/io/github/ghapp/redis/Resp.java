package io.github.ghapp.redis;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A few words of Redis's protocol over a plain socket, so that the fixtures can ask a server how it
 * is without the client under test: one command, one reply, the reply's text (errors start with
 * {@code -}).
 */
final class Resp implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  Resp(int port) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(5_000);
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  /** Sends one command on a new connection and returns its reply. */
  static String call(int port, String... args) throws IOException {
    try (Resp resp = new Resp(port)) {
      return resp.send(args);
    }
  }

  String send(String... args) throws IOException {
    write(args);
    return read();
  }

  void write(String... args) throws IOException {
    StringBuilder command = new StringBuilder("*").append(args.length).append("\r\n");
    for (String arg : args) {
      command
          .append('$')
          .append(arg.getBytes(StandardCharsets.UTF_8).length)
          .append("\r\n")
          .append(arg)
          .append("\r\n");
    }
    out.write(command.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** One reply: a simple string, error or integer as written, a bulk string's bytes as text. */
  String read() throws IOException {
    String line = line();
    char type = line.charAt(0);
    if (type == '$') {
      int length = Integer.parseInt(line.substring(1));
      if (length < 0) {
        return null;
      }
      byte[] bulk = new byte[length + 2];
      in.readFully(bulk);
      return new String(bulk, 0, length, StandardCharsets.ISO_8859_1);
    }
    if (type == '*') {
      StringBuilder all = new StringBuilder();
      for (int i = Integer.parseInt(line.substring(1)); i > 0; i--) {
        all.append(read()).append('\n');
      }
      return all.toString();
    }
    return line;
  }

  private String line() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        throw new IOException("the server closed the connection");
      }
      if (b != '\r') {
        bytes.write(b);
      }
    }
    return bytes.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
