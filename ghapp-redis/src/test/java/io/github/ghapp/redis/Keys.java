package io.github.ghapp.redis;

import java.util.Arrays;

/** Sealing keys for the tests: fixed, so that two stores in a test (or two JVMs) share one. */
final class Keys {
  static final byte[] SEALING = filled(7);
  static final byte[] OTHER = filled(9);

  private Keys() {}

  private static byte[] filled(int value) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) value);
    return key;
  }
}
