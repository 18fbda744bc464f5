package io.github.ghapp.webhooks;

import io.github.ghapp.webhooks.WebhookListener.Refusal;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a request body into memory without ever holding more than the limit plus one chunk. When
 * the length is declared, one array of exactly that size is allocated and filled; when it is not
 * (chunked transfer), the body is read in chunks and joined once at the end, so a body over the
 * limit is refused after reading at most {@code limit + 1} bytes and a 25 MB body is not re-copied
 * on every doubling.
 */
final class BodyReader {
  private static final int CHUNK = 64 * 1024;

  private BodyReader() {}

  /**
   * @param declaredLength the Content-Length, or -1 when the sender did not declare one
   * @throws Rejected 413 when the body exceeds {@code limit}; 400 when it ends before its declared
   *     length
   */
  static byte[] read(InputStream in, long declaredLength, int limit) throws IOException, Rejected {
    if (declaredLength > limit) {
      throw new Rejected(Refusal.TOO_LARGE, WebhookResult.tooLarge(limit));
    }
    return declaredLength >= 0 ? readExactly(in, (int) declaredLength) : readUpTo(in, limit);
  }

  private static byte[] readExactly(InputStream in, int length) throws IOException, Rejected {
    byte[] body = new byte[length];
    int read = in.readNBytes(body, 0, length);
    if (read < length) {
      throw new Rejected(
          Refusal.MALFORMED_BODY,
          WebhookResult.badRequest(
              "body ended after "
                  + read
                  + " of the "
                  + length
                  + " bytes its Content-Length declared; the delivery was cut short, redeliver it"));
    }
    return body;
  }

  private static byte[] readUpTo(InputStream in, int limit) throws IOException, Rejected {
    List<byte[]> full = new ArrayList<>();
    long total = 0;
    byte[] last;
    int n;
    do {
      last = new byte[CHUNK];
      n = in.readNBytes(last, 0, CHUNK);
      total += n;
      if (total > limit) {
        throw new Rejected(Refusal.TOO_LARGE, WebhookResult.tooLarge(limit));
      }
      if (n == CHUNK) {
        full.add(last);
      }
    } while (n == CHUNK);
    byte[] body = new byte[(int) total];
    int at = 0;
    for (byte[] chunk : full) {
      System.arraycopy(chunk, 0, body, at, CHUNK);
      at += CHUNK;
    }
    System.arraycopy(last, 0, body, at, n);
    return body;
  }
}
