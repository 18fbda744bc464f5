package io.github.ghapp.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.TokenProvider;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GitHubAppMetricsTest {
  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void token_servedFromTheCache_countsFresh() {
    GitHubEmulator emu = github.emulator();
    GitHubAppMetrics metrics = new GitHubAppMetrics();
    metrics.bindTo(registry);
    TokenProvider tokens =
        GitHubApp.builder()
            .appId(1001)
            .privateKey(emu.app(1001).privateKeyPem())
            .baseUrl(emu.baseUrl())
            .listener(metrics)
            .build()
            .tokenProvider(42);

    tokens.token();
    tokens.token();

    assertThat(registry.get("ghapp.token.requests").tag("outcome", "fresh").counter().count())
        .isEqualTo(1.0);
    assertThat(registry.get("ghapp.token.requests").tag("outcome", "waited").counter().count())
        .isEqualTo(1.0);
  }
}
