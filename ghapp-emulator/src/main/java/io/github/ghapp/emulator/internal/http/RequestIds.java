package io.github.ghapp.emulator.internal.http;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * GitHub's request ids, {@code CAFE:1A2B3C:4D5E6F:7A8B9C:65A1B2C3}: random fields around one
 * sequence that every surface shares, so that no two answers of an emulator carry the same id.
 * Written digit by digit rather than with {@code String.format}, which costs a formatter and five
 * boxed numbers on every request.
 */
final class RequestIds {

  private static final AtomicLong SEQUENCE =
      new AtomicLong(ThreadLocalRandom.current().nextInt(1 << 20));
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private RequestIds() {}

  static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return format(
        random.nextInt(0x10000),
        random.nextInt(0x1000000),
        SEQUENCE.incrementAndGet(),
        random.nextInt(0x1000000),
        random.nextInt() & 0xFFFFFFFFL);
  }

  /** {@code String.format("%04X:%X:%X:%X:%08X", ...)} of non-negative values. */
  static String format(int first, int second, long sequence, int fourth, long last) {
    char[] id = new char[4 + 1 + 8 + 1 + 16 + 1 + 8 + 1 + 8];
    int at = hex(id, 0, first, 4);
    id[at++] = ':';
    at = hex(id, at, second, 1);
    id[at++] = ':';
    at = hex(id, at, sequence, 1);
    id[at++] = ':';
    at = hex(id, at, fourth, 1);
    id[at++] = ':';
    at = hex(id, at, last, 8);
    return new String(id, 0, at);
  }

  private static int hex(char[] into, int at, long value, int minimumDigits) {
    int digits = Math.max(minimumDigits, (64 - Long.numberOfLeadingZeros(value) + 3) / 4);
    for (int i = at + digits - 1; i >= at; i--) {
      into[i] = HEX[(int) (value & 0xF)];
      value >>>= 4;
    }
    return at + digits;
  }
}
