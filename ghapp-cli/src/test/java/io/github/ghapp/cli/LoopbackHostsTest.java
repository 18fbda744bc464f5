package io.github.ghapp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regression (security review #7): a host that merely starts like a loopback one got a token over
 * plain http.
 */
class LoopbackHostsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "127.0.0.1:8080",
        "127.1.2.3:80",
        "localhost",
        "LOCALHOST:3000",
        "[::1]",
        "[::1]:8080"
      })
  void isLoopback_thisMachine_isTrue(String host) {
    assertThat(LoopbackHosts.isLoopback(host)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1.evil.com",
        "127.0.0.1.nip.io",
        "localhost.example.com",
        "localhost.",
        "localhostevil.com",
        "127.0.0.1:8080.evil.com",
        "127.0.0.1:80@evil.com",
        "127.0.0.256",
        "127.1",
        "[::1].evil.com",
        "[::1]:80.evil.com",
        "[::2]",
        "128.0.0.1",
        "evil.com#127.0.0.1",
        ""
      })
  void isLoopback_spoofsAndOtherHosts_isFalse(String host) {
    assertThat(LoopbackHosts.isLoopback(host)).isFalse();
  }
}
