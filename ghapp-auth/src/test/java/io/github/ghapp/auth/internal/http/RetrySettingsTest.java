package io.github.ghapp.auth.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetrySettingsTest {
  private final RetrySettings retry =
      new RetrySettings(10, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(60));

  @Test
  void backoff_doublesWithEachRetryUpToTheMaximum() {
    assertThat(retry.backoff(1, 1.0)).isEqualTo(Duration.ofMillis(100));
    assertThat(retry.backoff(2, 1.0)).isEqualTo(Duration.ofMillis(200));
    assertThat(retry.backoff(4, 1.0)).isEqualTo(Duration.ofMillis(800));
    assertThat(retry.backoff(5, 1.0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(retry.backoff(100, 1.0)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void backoff_jitterSpreadsEachWaitOverItsUpperHalf() {
    assertThat(retry.backoff(3, 0.0)).isEqualTo(Duration.ofMillis(200));
    assertThat(retry.backoff(3, 0.5)).isEqualTo(Duration.ofMillis(300));
    assertThat(retry.backoff(3, 0.999))
        .isLessThan(Duration.ofMillis(400))
        .isGreaterThan(Duration.ofMillis(399));
  }
}
