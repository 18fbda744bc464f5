package io.github.ghapp.emulator.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The request ids written by hand are exactly what {@code String.format} wrote before. */
class RequestIdsTest {

  private static final String FORMAT = "%04X:%X:%X:%X:%08X";

  @Test
  void format_isStringFormatsOutput_forEdgeValues() {
    long[][] cases = {
      {0, 0, 0, 0, 0},
      {0xF, 0xF, 0xF, 0xF, 0xF},
      {0xFFFF, 0xFFFFFF, Long.MAX_VALUE, 0xFFFFFF, 0xFFFFFFFFL},
      {0x1000, 0x100000, 1L << 20, 0x10, 0x80000000L},
    };
    for (long[] c : cases) {
      assertThat(RequestIds.format((int) c[0], (int) c[1], c[2], (int) c[3], c[4]))
          .isEqualTo(String.format(FORMAT, (int) c[0], (int) c[1], c[2], (int) c[3], c[4]));
    }
  }

  @Test
  void format_isStringFormatsOutput_forRandomValues() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 100_000; i++) {
      int first = random.nextInt(0x10000);
      int second = random.nextInt(0x1000000);
      long sequence = random.nextLong(1L << (1 + random.nextInt(62)));
      int fourth = random.nextInt(0x1000000);
      long last = random.nextLong(0x100000000L);

      assertThat(RequestIds.format(first, second, sequence, fourth, last))
          .isEqualTo(String.format(FORMAT, first, second, sequence, fourth, last));
    }
  }

  @Test
  void next_neverRepeats() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertThat(seen.add(RequestIds.next())).isTrue();
    }
  }
}
