package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The builder refuses a setting given twice, naming it, as ghapp-auth's GitHubAppBuilder does (the
 * state's own refusal is in {@link StateLoadingTest}).
 */
class GitHubEmulatorBuilderTest {

  @TempDir Path work;

  @Test
  void eachSetting_givenTwice_isRefusedNamingIt() {
    Map<String, Consumer<GitHubEmulator.Builder>> settings =
        Map.of(
            "port", b -> b.port(0),
            "ghes", b -> b.ghes(false),
            "longTokens", b -> b.longTokens(true),
            "dataDirectory", b -> b.dataDirectory(work),
            "clock", b -> b.clock(Clock.systemUTC()));
    settings.forEach(
        (name, setting) -> {
          GitHubEmulator.Builder builder = GitHubEmulator.builder();
          setting.accept(builder);

          assertThatThrownBy(() -> setting.accept(builder))
              .as(name)
              .isInstanceOf(IllegalStateException.class)
              .hasMessage(name + " was already set; set it once");
        });
  }

  @Test
  void aSettingGivenTwice_isRefusedEvenWithTheSameValue() {
    GitHubEmulator.Builder builder = GitHubEmulator.builder().ghes(true);

    assertThatThrownBy(() -> builder.ghes(true)).hasMessage("ghes was already set; set it once");
  }

  @Test
  void aRefusedValue_canBeCorrectedOnTheSameBuilder() {
    GitHubEmulator.Builder builder = GitHubEmulator.builder();
    assertThatThrownBy(() -> builder.port(70_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("between 0 and 65535");

    try (GitHubEmulator emu = builder.port(0).build().start()) {
      assertThat(emu.port()).isPositive();
    }
  }
}
